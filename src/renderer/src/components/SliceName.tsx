import { sliceLabel } from '../../../core/format/slice-label'

/** A slice named as everywhere in Vouch, "Name (id)" (core's sliceLabel), the id set in a quieter type. */
export function SliceName(props: { readonly id: string; readonly name?: string | null }): React.JSX.Element {
  const label = sliceLabel(props)
  if (label === props.id) return <span className="slice-name mono">{props.id}</span>
  return (
    <span className="slice-name">
      {label.slice(0, label.length - props.id.length - 3)} <span className="slice-id mono">({props.id})</span>
    </span>
  )
}
