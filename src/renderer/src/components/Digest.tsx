/**
 * A digest or fingerprint that never wraps one character at a time: it may only break between
 * groups of 16 characters (<wbr>, invisible to copying), so it is one line, or a few equal parts.
 */
export function Digest(props: { readonly value: string; readonly className?: string; readonly testId?: string }): React.JSX.Element {
  const parts = props.value.match(/.{1,16}/g) ?? [props.value]
  return (
    <code className={`digest-text${props.className ? ` ${props.className}` : ''}`} data-testid={props.testId} title={props.value}>
      {parts.map((p, i) => (
        <span key={i}>
          {i > 0 && <wbr />}
          {p}
        </span>
      ))}
    </code>
  )
}
