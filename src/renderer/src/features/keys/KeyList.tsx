import { useState } from 'react'
import { CopyButton } from '../../components/CopyButton'
import { Digest } from '../../components/Digest'
import { useAppStore } from '../../store'

/** Keys in the local key store; the public line can be shown and copied. Private keys never leave the host. */
export function KeyList(): React.JSX.Element {
  const keys = useAppStore((s) => s.keys)
  const exportPublic = useAppStore((s) => s.exportPublicKey)
  const [shown, setShown] = useState<{ readonly keyId: string; readonly line: string } | null>(null)
  if (keys.length === 0) return <p className="muted">No keys yet. Create one below, or import a key file.</p>
  return (
    <>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Keys table">
<table className="data" data-testid="key-list">
        <caption className="visually-hidden">Keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Fingerprint</th>
            <th scope="col">Can sign</th>
            <th scope="col">Public key</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.keyId}>
              <th scope="row">{k.name}</th>
              <td>{k.role}</td>
              <td className="small">
                <Digest value={k.keyId} />
              </td>
              <td>{k.canSign ? 'yes' : 'no (public only)'}</td>
              <td>
                <button
                  type="button"
                  onClick={() =>
                    void exportPublic(k.keyId).then((line) => {
                      if (line !== null) setShown({ keyId: k.keyId, line })
                    })
                  }
                >
                  Export public key
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
</div>
      {shown !== null && (
        <div className="card public-line">
          <label htmlFor="pub-line">Public key line (save as a .pub file or send to whoever keeps the trust file)</label>
          <div className="row">
            <input id="pub-line" type="text" readOnly value={shown.line} className="mono" />
            <CopyButton text={shown.line} label="Copy public key line" />
          </div>
        </div>
      )}
    </>
  )
}
