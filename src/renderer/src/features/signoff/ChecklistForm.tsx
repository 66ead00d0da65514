import type { ChecklistAnswerValue, ChecklistItem } from '../../lib/api'
import { useAppStore } from '../../store'

const ANSWERS: readonly ChecklistAnswerValue[] = ['yes', 'no', 'n/a']

function Suggested(props: { readonly item: ChecklistItem }): React.JSX.Element {
  const s = props.item.suggested
  if (s === undefined) return <span className="muted">Your judgement</span>
  return (
    <span>
      <span className={`pill ${s.answer === 'yes' ? 'ok' : s.answer === 'no' ? 'bad' : 'neutral'}`}>{s.answer}</span> <span className="small">{s.reason}</span>
    </span>
  )
}

function ItemRow(props: { readonly item: ChecklistItem }): React.JSX.Element {
  const { item } = props
  const a = useAppStore((s) => s.answers[item.id])
  const setAnswer = useAppStore((s) => s.setAnswer)
  const differs = item.suggested !== undefined && a?.answer != null && a.answer !== item.suggested.answer
  return (
    <tr data-testid={`check-${item.id}`} className={differs ? 'row-bad' : undefined}>
      <th scope="row">{item.text}</th>
      <td>
        <Suggested item={item} />
      </td>
      <td>
        <fieldset className="answer-group">
          <legend className="visually-hidden">Your answer: {item.text}</legend>
          {ANSWERS.map((v) => (
            <label key={v} className="check">
              <input type="radio" name={`ans-${item.id}`} value={v} checked={a?.answer === v} onChange={() => setAnswer(item.id, { answer: v })} />
              {v}
            </label>
          ))}
        </fieldset>
      </td>
      <td>
        {differs && <div className="bad-text small">Differs from the evidence: say why in the note.</div>}
        <input type="text" aria-label={`Note: ${item.text}`} value={a?.note ?? ''} onChange={(e) => setAnswer(item.id, { note: e.target.value })} />
      </td>
    </tr>
  )
}

/** Each item: what the evidence says beside the signer's own answer and note. */
export function ChecklistForm(props: { readonly items: readonly ChecklistItem[] }): React.JSX.Element {
  const setAnswer = useAppStore((s) => s.setAnswer)
  const adopt = (): void => {
    for (const it of props.items) if (it.suggested !== undefined) setAnswer(it.id, { answer: it.suggested.answer })
  }
  return (
    <section aria-labelledby="checklist-title">
      <div className="row">
        <h3 id="checklist-title">Checklist</h3>
        <button type="button" onClick={adopt} className="link">
          Start from the evidence&apos;s answers
        </button>
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Checklist table">
        <table className="data checklist">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">The evidence says</th>
              <th scope="col">Your answer</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((it) => (
              <ItemRow key={it.id} item={it} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
