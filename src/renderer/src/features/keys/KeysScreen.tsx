import { useEffect } from 'react'
import { useAppStore } from '../../store'
import { CreateKeyForm } from './CreateKeyForm'
import { ImportKeyForm } from './ImportKeyForm'
import { KeyList } from './KeyList'
import { TrustEditor } from './TrustEditor'

/** Keys (create, import, export the public key) and the trust file. */
export function KeysScreen(): React.JSX.Element {
  const loadKeys = useAppStore((s) => s.loadKeys)
  useEffect(() => {
    void loadKeys()
  }, [loadKeys])
  return (
    <div className="keys-screen">
      <h1>Keys and trust</h1>
      <section className="card" aria-labelledby="keys-title">
        <h2 id="keys-title">Your keys</h2>
        <KeyList />
      </section>
      <div className="welcome-grid">
        <CreateKeyForm />
        <ImportKeyForm />
      </div>
      <TrustEditor />
    </div>
  )
}
