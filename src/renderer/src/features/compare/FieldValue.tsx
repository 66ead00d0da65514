import { Digest } from '../../components/Digest'
import type { FieldValue as Value } from '../../../../core/diff/types'

/**
 * One value of a changed field, as it should read: a digest breaks only between 16-character
 * groups, a date, an id or a version never breaks, long prose wraps between words.
 */
export function FieldValue(props: { readonly value: Value }): React.JSX.Element {
  const v = props.value
  if (v === null) return <span className="muted">(absent)</span>
  const s = String(v)
  if (/^(sha256:)?[0-9a-f]{32,}$/.test(s) || /@sha256:[0-9a-f]{64}$/.test(s) || /^[0-9a-f]{40}$/.test(s)) return <Digest value={s} />
  if (!/\s/.test(s) && s.length <= 48) return <span className="nowrap">{s}</span>
  return <span className="break-path">{s}</span>
}
