import type { SliceOption } from '../../../../core/curves/types'

export interface PickerSlice extends SliceOption {
  /** Extra words after the name ("regressed", "only in 1.1.0"). */
  readonly note?: string
}

function label(s: PickerSlice): string {
  const extra = [s.note, s.problem !== undefined ? `cannot be drawn: ${s.problem}` : undefined].filter(Boolean).join('; ')
  return `${s.name ?? s.id}${extra ? ` (${extra})` : ''}`
}

/** Which rows the charts show: every row, or one slice (critical slices first). */
export function SlicePicker(props: {
  readonly id: string
  readonly slices: readonly PickerSlice[]
  readonly value: string | null
  readonly allLabel: string
  readonly onChange: (slice: string | null) => void
  readonly busy?: boolean
}): React.JSX.Element {
  const critical = props.slices.filter((s) => s.critical)
  const other = props.slices.filter((s) => !s.critical)
  const option = (s: PickerSlice): React.JSX.Element => (
    <option key={s.id} value={s.id} disabled={s.problem !== undefined}>
      {label(s)}
    </option>
  )
  return (
    <div className="row slice-picker">
      <label htmlFor={props.id}>Rows shown</label>
      <select id={props.id} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value === '' ? null : e.target.value)} data-testid="slice-picker">
        <option value="">{props.allLabel}</option>
        {critical.length > 0 && <optgroup label="Critical slices">{critical.map(option)}</optgroup>}
        {other.length > 0 && <optgroup label="Other slices">{other.map(option)}</optgroup>}
      </select>
      {props.busy === true && (
        <span className="muted small" role="status">
          Drawing…
        </span>
      )}
    </div>
  )
}
