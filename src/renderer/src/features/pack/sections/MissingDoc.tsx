import { useAppStore } from '../../../store'

/** An evidence document the verifier could not accept: say so and point at the reason. */
export function MissingDoc(props: { readonly what: string; readonly path: string }): React.JSX.Element {
  const show = useAppStore((s) => s.showSection)
  return (
    <div className="missing-doc" role="note">
      <p>
        <strong>{props.what}</strong> is missing or invalid in this pack (<code>{props.path}</code>).
      </p>
      <button type="button" className="link" onClick={() => show('findings')}>
        See the findings for why
      </button>
    </div>
  )
}
