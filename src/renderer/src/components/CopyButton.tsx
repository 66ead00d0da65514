import { useState } from 'react'

/** Copies text to the clipboard and says whether that worked (the text stays selectable either way). */
export function CopyButton(props: { readonly text: string; readonly label: string }): React.JSX.Element {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = (): void => {
    navigator.clipboard
      .writeText(props.text)
      .then(() => setState('copied'))
      .catch(() => setState('failed'))
    window.setTimeout(() => setState('idle'), 2000)
  }
  return (
    <button type="button" className="copy" onClick={copy} aria-label={props.label}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text' : 'Copy'}
    </button>
  )
}
