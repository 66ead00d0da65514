import { useState } from 'react'
import { Digest } from '../../../components/Digest'
import { FolderBrowser } from '../../../components/FolderBrowser'
import type { GateSection } from '../../../lib/api'
import { useAppStore } from '../../../store'

/** Which release the gate, the checklist, signing and the PDF compare with: named (path and digest), and changeable. */
export function PreviousRelease(props: { readonly gate: GateSection | null; readonly named: string | null }): React.JSX.Element {
  const [editing, setEditing] = useState(false)
  const reassessing = useAppStore((s) => s.reassessing)
  const p = props.gate?.previous
  return (
    <div className="previous-release" data-testid="previous-release">
      {p !== undefined ? (
        <p className="small">
          Compared with <strong>{[p.name, p.version].filter((x) => x !== null).join(' ') || 'a pack without a name'}</strong> at{' '}
          <code className="break-path" data-testid="previous-location">
            {p.location}
          </code>
          {p.digest !== null && (
            <>
              {' '}
              · sha256 <Digest value={p.digest} />
            </>
          )}
          {p.integrity !== 'verified' && <span className="bad-text"> (it {p.integrity === 'failed' ? 'failed' : 'did not finish'} verification)</span>}
        </p>
      ) : null}
      {reassessing && (
        <p className="small muted" role="status">
          Assessing against the new choice…
        </p>
      )}
      {!editing ? (
        <button type="button" className="link" onClick={() => setEditing(true)} data-testid="change-previous">
          Change the previous release…
        </button>
      ) : (
        <PreviousForm onDone={() => setEditing(false)} />
      )}
    </div>
  )
}

function PreviousForm(props: { readonly onDone: () => void }): React.JSX.Element {
  const setPrevious = useAppStore((s) => s.setPrevious)
  const browse = useAppStore((s) => s.host?.browse === true)
  const dialogs = useAppStore((s) => s.host?.dialogs === true)
  const choosePack = useAppStore((s) => s.choosePack)
  const [path, setPath] = useState('')
  const [browsing, setBrowsing] = useState(false)
  const use = async (mode: 'auto' | 'none' | 'path', at?: string): Promise<void> => {
    if (await setPrevious(mode, at)) props.onDone()
  }
  return (
    <div className="previous-form">
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          void use('path', path.trim())
        }}
      >
        <label htmlFor="previous-path">Another pack</label>
        <input id="previous-path" type="text" value={path} onChange={(e) => setPath(e.target.value)} placeholder="Path of the previous release" spellCheck={false} autoComplete="off" />
        <button type="submit" disabled={path.trim() === ''} title={path.trim() === '' ? 'Type or choose a path first' : undefined}>
          Use this pack
        </button>
        {browse && (
          <button type="button" onClick={() => setBrowsing((b) => !b)} aria-expanded={browsing}>
            Browse…
          </button>
        )}
        {dialogs && (
          <button type="button" onClick={() => void choosePack('folder').then((p) => p !== null && setPath(p))}>
            Choose…
          </button>
        )}
      </form>
      <p className="row">
        <button type="button" onClick={() => void use('auto')}>
          The one named by Previous-Version, beside the pack
        </button>
        <button type="button" onClick={() => void use('none')} data-testid="previous-none">
          No previous release
        </button>
        <button type="button" className="link" onClick={props.onDone}>
          Cancel
        </button>
      </p>
      {browsing && (
        <FolderBrowser
          title="Choose the previous release"
          pickLabel="Use"
          onClose={() => setBrowsing(false)}
          onPick={(p) => {
            setBrowsing(false)
            void use('path', p)
          }}
        />
      )}
    </div>
  )
}
