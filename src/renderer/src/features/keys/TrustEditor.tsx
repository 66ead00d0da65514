import { useState } from 'react'
import { useAppStore } from '../../store'
import type { KeyInfo, TrustFile } from '../../lib/api'

/** A trust line for one of our keys: `<name> roles=<role> ed25519 <base64>` (docs/pack-format.md). */
function trustLine(k: KeyInfo): string | null {
  const parts = k.publicKeyLine.trim().split(/\s+/)
  if (parts[0] !== 'ed25519' || parts[1] === undefined) return null
  return `${k.name.replace(/\s+/g, '-')} roles=${k.role} ed25519 ${parts[1]}`
}

function Editor(props: { readonly trust: TrustFile }): React.JSX.Element {
  const keys = useAppStore((s) => s.keys)
  const save = useAppStore((s) => s.saveTrust)
  const [text, setText] = useState(props.trust.text)
  const dirty = text !== props.trust.text
  const addMine = (): void => {
    const lines = keys.map(trustLine).filter((l): l is string => l !== null && !text.includes(l.split(' ').pop() ?? '\u0000'))
    if (lines.length > 0) setText((t) => `${t.replace(/\n*$/, '\n')}${lines.join('\n')}\n`.replace(/^\n/, ''))
  }
  return (
    <>
      <p className="muted small">
        Stored at <code className="break-path">{props.trust.path}</code>. One line per key: <code>name roles=engineer,owner [valid-after=YYYYMMDD] [valid-before=YYYYMMDD] ed25519 BASE64</code>;{' '}
        <code>@revoked ed25519 BASE64</code> revokes a key.
      </p>
      <label htmlFor="trust-text" className="visually-hidden">
        Trust file
      </label>
      <textarea id="trust-text" className="mono trust-text" rows={10} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} data-testid="trust-text" />
      {props.trust.problems.length > 0 && (
        <ul className="bad-text">
          {props.trust.problems.map((p) => (
            <li key={p.line}>
              line {p.line}: {p.message}
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <button type="button" onClick={() => void save(text)} className="primary" disabled={!dirty} aria-describedby={dirty ? undefined : 'trust-why'} data-testid="trust-save">
          Save trust file
        </button>
        <button type="button" onClick={addMine} disabled={keys.length === 0}>
          Add my keys
        </button>
        <button type="button" onClick={() => setText(props.trust.text)} disabled={!dirty}>
          Revert
        </button>
        {!dirty && (
          <span className="muted small" id="trust-why">
            No change to save.
          </span>
        )}
      </div>
    </>
  )
}

/** Who may sign in which role: the trust file, edited here and checked by the host before saving. */
export function TrustEditor(): React.JSX.Element {
  const trust = useAppStore((s) => s.trust)
  return (
    <section className="card" aria-labelledby="trust-title">
      <h2 id="trust-title">Trust file</h2>
      {trust === null ? <p className="muted">Loading…</p> : <Editor key={trust.text} trust={trust} />}
    </section>
  )
}
