import { useMemo, useState } from 'react'
import { FolderBrowser } from '../../components/FolderBrowser'
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
  const browse = useAppStore((s) => s.host?.browse === true)
  const choosePack = useAppStore((s) => s.choosePack)
  const [browsing, setBrowsing] = useState(false)
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
      <div className="row">
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
            Choose…
          </button>
        )}
        {browse && (
          <button type="button" onClick={() => setBrowsing((b) => !b)} aria-expanded={browsing}>
            Browse…
          </button>
        )}
      </div>
      {browsing && (
        <FolderBrowser
          title={`Choose the ${props.label.toLowerCase()}`}
          pickLabel="Use"
          onClose={() => setBrowsing(false)}
          onPick={(p) => {
            setBrowsing(false)
            props.onChange(p)
          }}
        />
      )}
    </div>
  )
}

/** Why Compare cannot run yet, in words beside the disabled button. */
function whyNot(busy: boolean, oldPath: string, newPath: string): string | null {
  if (busy) return 'A comparison is running.'
  if (oldPath === '' && newPath === '') return 'Choose the two releases first.'
  if (oldPath === '') return 'Choose the older release first.'
  if (newPath === '') return 'Choose the newer release first.'
  return null
}

/** Pick two packs (older baseline, newer candidate), or compare the open pack with its previous release (named on the button). */
export function ComparePicker(): React.JSX.Element {
  const choices = useChoices()
  const compare = useAppStore((s) => s.compare)
  const compareWithPrevious = useAppStore((s) => s.compareWithPrevious)
  const paths = useAppStore((s) => s.comparePaths)
  const setPaths = useAppStore((s) => s.setComparePaths)
  const previous = useAppStore((s) => (s.verify.kind === 'done' ? (s.assessment?.gate?.previous ?? null) : null))
  const openName = useAppStore((s) => (s.verify.kind === 'done' ? s.verify.opened.fileName : null))
  const busy = useAppStore((s) => s.diff.kind === 'running')
  const reason = whyNot(busy, paths.old.trim(), paths.new.trim())
  return (
    <section className="card compare-picker" aria-labelledby="pick-title">
      <h2 id="pick-title">Choose two releases</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void compare(paths.old.trim(), paths.new.trim())
        }}
      >
        <div className="pick-grid">
          <PackField id="old-pack" label="Older release (baseline)" value={paths.old} onChange={(v) => setPaths({ old: v })} choices={choices} />
          <PackField id="new-pack" label="Newer release (candidate)" value={paths.new} onChange={(v) => setPaths({ new: v })} choices={choices} />
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={reason !== null} aria-describedby={reason !== null ? 'compare-why' : undefined} data-testid="compare-submit">
            Compare
          </button>
          {reason !== null && (
            <span className="muted small" id="compare-why">
              {reason}
            </span>
          )}
          {previous !== null && openName !== null && (
            <button type="button" onClick={() => void compareWithPrevious()} disabled={busy} data-testid="compare-previous" title={previous.location}>
              Compare {openName} with its previous release, {[previous.name, previous.version].filter((x) => x !== null).join(' ') || 'the pack it names'}
            </button>
          )}
        </div>
      </form>
    </section>
  )
}
