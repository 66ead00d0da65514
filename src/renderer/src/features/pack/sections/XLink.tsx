import { useAppStore } from '../../../store'
import type { SectionId } from '../../../store/ui-slice'

/** A cross-link inside the pack view: to a section and, optionally, a record in it (anchor id). */
export function XLink(props: { readonly section: SectionId; readonly anchor?: string; readonly children: React.ReactNode; readonly label?: string }): React.JSX.Element {
  const show = useAppStore((s) => s.showSection)
  return (
    <button type="button" className="link xlink" onClick={() => show(props.section, props.anchor)} aria-label={props.label}>
      {props.children}
    </button>
  )
}

/** A link to one file of the pack in the Files section. */
export function FileLink(props: { readonly path: string }): React.JSX.Element {
  const showFile = useAppStore((s) => s.showFile)
  return (
    <button type="button" className="link xlink mono" onClick={() => showFile(props.path)} aria-label={`Show the file ${props.path}`}>
      {props.path}
    </button>
  )
}
