import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { safeText } from '../../../core/text/safe-text'
import type { ApiError, FolderEntry, FolderListing, Result } from '../lib/api'
import { formatCount } from '../lib/format'
import { useAppStore } from '../store'
import { ErrorText } from './ErrorText'

const KIND = { pack: { label: 'Pack', cls: 'ok' }, folder: { label: 'Folder', cls: 'neutral' }, archive: { label: 'Archive', cls: 'neutral' } } as const

function EntryRow(props: { readonly e: FolderEntry; readonly onGo: (p: string) => void; readonly onPick: (p: string) => void; readonly pickLabel: string }): React.JSX.Element {
  const { e } = props
  const name = safeText(e.name)
  return (
    <li className="browse-entry" data-kind={e.kind}>
      <span className={`pill ${KIND[e.kind].cls}`}>{KIND[e.kind].label}</span>
      {e.kind === 'archive' ? (
        <span className="browse-name mono">{name}</span>
      ) : (
        <button type="button" className="link browse-name mono" onClick={() => props.onGo(e.path)} aria-label={`Look inside ${name}`}>
          {name}
        </button>
      )}
      {e.kind !== 'folder' && (
        <button type="button" onClick={() => props.onPick(e.path)} aria-label={`${props.pickLabel} ${name}`} data-testid="browse-pick">
          {props.pickLabel}
        </button>
      )}
    </li>
  )
}

/**
 * Pick a pack without typing its path, where there is no native dialog (`vouch serve`): the host
 * lists one folder at a time (sub-folders, packs, archives; names only). Folders that are packs
 * and archives can be picked; any folder can be entered.
 */
export function FolderBrowser(props: {
  readonly onPick: (path: string) => void
  readonly onClose: () => void
  /** "Open", "Use as the previous release", ... */
  readonly pickLabel: string
  readonly title?: string
}): React.JSX.Element {
  const listFolder = useAppStore((s) => s.listFolder)
  const [listing, setListing] = useState<FolderListing | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [typed, setTyped] = useState('')
  const titleId = useId()
  const show = useCallback((r: Result<FolderListing>, first = false): void => {
    if (r.ok) {
      setListing(r.value)
      // The first listing never overwrites a path the user began typing meanwhile.
      setTyped((t) => (first && t !== '' ? t : r.value.path))
      setError(null)
    } else setError(r.error)
  }, [])
  // Set once the user goes somewhere: the first listing, if it comes later, is then dropped.
  const moved = useRef(false)
  const go = async (path?: string): Promise<void> => {
    moved.current = true
    show(await listFolder(path))
  }
  // The first folder: where relative paths resolve (the host decides).
  useEffect(() => {
    let live = true
    void listFolder().then((r) => live && !moved.current && show(r, true))
    return () => {
      live = false
    }
  }, [listFolder, show])
  return (
    <section className="card browser" aria-labelledby={titleId} data-testid="folder-browser">
      <div className="row browser-head">
        <h3 id={titleId}>{props.title ?? 'Browse folders on this computer'}</h3>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          void go(typed)
        }}
      >
        <label htmlFor={`${titleId}-path`} className="visually-hidden">
          Folder to show
        </label>
        <input id={`${titleId}-path`} type="text" value={typed} onChange={(e) => setTyped(e.target.value)} spellCheck={false} autoComplete="off" className="mono" />
        <button type="submit">Show</button>
        <button type="button" onClick={() => listing?.parent != null && void go(listing.parent)} disabled={listing?.parent == null}>
          Up one folder
        </button>
      </form>
      {listing !== null && (
        <p className="row small">
          {listing.places.map((p) => (
            <button key={p.path} type="button" className="link" onClick={() => void go(p.path)} title={p.path}>
              {p.label}
            </button>
          ))}
        </p>
      )}
      {error !== null && (
        <p className="bad-text" role="alert">
          <ErrorText error={error} />
        </p>
      )}
      {listing !== null &&
        (listing.entries.length === 0 ? (
          <p className="muted">No folders, packs or archives here.</p>
        ) : (
          <ul className="browse-list" aria-label={`In ${listing.path}`}>
            {listing.entries.map((e) => (
              <EntryRow key={e.path} e={e} onGo={(p) => void go(p)} onPick={props.onPick} pickLabel={props.pickLabel} />
            ))}
          </ul>
        ))}
      {listing?.truncated === true && <p className="muted small">Only the first {formatCount(listing.entries.length)} entries are shown: type a path to go further.</p>}
      <p className="muted small">Only folders, packs (folders with bagit.txt) and .zip, .tar, .tar.gz archives are listed; hidden entries and links are not.</p>
    </section>
  )
}
