import { useMemo, useState } from 'react'
import { useAppStore } from '../../store'

interface Choice {
  readonly path: string
  readonly label: string
}

/** Known packs: the open one, samples, recents (deduplicated by path). */
function useChoices(): readonly Choice[] {
  const verify = useAppStore((s) => s.verify)
  const samples = useAppStore((s) => s.samples)
  const recents = useAppStore((s) => s.recents)
  return useMemo(() => {
    const seen = new Set<string>()
    const out: Choice[] = []
    const add = (path: string, label: string): void => {
      if (seen.has(path)) return
      seen.add(path)
      out.push({ path, label })
    }
    if (verify.kind === 'done') add(verify.path, `${verify.opened.fileName} (open)`)
    for (const x of samples) add(x.path, `${x.fileName} (sample)`)
    for (const r of recents) add(r.path, r.name !== undefined ? `${r.name} ${r.version ?? ''} — ${r.fileName}` : r.fileName)
    return out
  }, [verify, samples, recents])
}

function PackField(props: { readonly id: string; readonly label: string; readonly value: string; readonly onChange: (v: string) => void; readonly choices: readonly Choice[] }): React.JSX.Element {
  const dialogs = useAppStore((s) => s.host?.dialogs === true)
  const choosePack = useAppStore((s) => s.choosePack)
  return (
    <div className="pick-field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        list={`${props.id}-list`}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder="Path of a pack folder or archive"
        spellCheck={false}
        autoComplete="off"
      />
      <datalist id={`${props.id}-list`}>
        {props.choices.map((c) => (
          <option key={c.path} value={c.path}>
            {c.label}
          </option>
        ))}
      </datalist>
      {props.choices.length > 0 && (
        <select aria-label={`${props.label}: choose a known pack`} value="" onChange={(e) => e.target.value !== '' && props.onChange(e.target.value)}>
          <option value="">Choose a known pack…</option>
          {props.choices.map((c) => (
            <option key={c.path} value={c.path}>
              {c.label}
            </option>
          ))}
        </select>
      )}
      {dialogs && (
        <button type="button" onClick={() => void choosePack().then((p) => p !== null && props.onChange(p))}>
          Browse…
        </button>
      )}
    </div>
  )
}

/** Pick two packs (older baseline, newer candidate), or compare the open pack with its previous release. */
export function ComparePicker(): React.JSX.Element {
  const choices = useChoices()
  const compare = useAppStore((s) => s.compare)
  const compareWithPrevious = useAppStore((s) => s.compareWithPrevious)
  const canPrevious = useAppStore((s) => s.verify.kind === 'done' && s.verify.report.pack.previousVersion !== undefined)
  const busy = useAppStore((s) => s.diff.kind === 'running')
  const [oldPath, setOld] = useState('')
  const [newPath, setNew] = useState('')
  return (
    <section className="card compare-picker" aria-labelledby="pick-title">
      <h2 id="pick-title">Choose two releases</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void compare(oldPath.trim(), newPath.trim())
        }}
      >
        <div className="pick-grid">
          <PackField id="old-pack" label="Older release (baseline)" value={oldPath} onChange={setOld} choices={choices} />
          <PackField id="new-pack" label="Newer release (candidate)" value={newPath} onChange={setNew} choices={choices} />
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={busy || oldPath.trim() === '' || newPath.trim() === ''} data-testid="compare-submit">
            Compare
          </button>
          {canPrevious && (
            <button type="button" onClick={() => void compareWithPrevious()} disabled={busy} data-testid="compare-previous">
              Compare the open pack with its previous release
            </button>
          )}
        </div>
      </form>
    </section>
  )
}
