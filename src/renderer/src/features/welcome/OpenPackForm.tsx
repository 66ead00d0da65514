import { useRef, useState } from 'react'
import { ErrorText } from '../../components/ErrorText'
import { FolderBrowser } from '../../components/FolderBrowser'
import { useAppStore } from '../../store'
import { isNotAPack } from '../../lib/error-words'
import { NotAPackMessage } from './NotAPackMessage'

/** Where relative paths resolve, in words beside the field (the host says whether it can). */
function PathHint(): React.JSX.Element {
  const cwd = useAppStore((s) => s.host?.cwd ?? null)
  return (
    <p className="muted small" id="pack-path-hint">
      {cwd === null ? (
        'The full path of a pack folder or archive (.zip, .tar, .tar.gz).'
      ) : (
        <>
          A pack folder or archive (.zip, .tar, .tar.gz). A relative path starts from <code className="break-path">{cwd}</code>, where vouch serve was started;{' '}
          <code>~/</code> from your home folder.
        </>
      )}
    </p>
  )
}

/** The browser's own file picker: the chosen archive's bytes go to the host, which opens a private temporary copy. */
function ChooseArchive(): React.JSX.Element {
  const input = useRef<HTMLInputElement>(null)
  const openDropped = useAppStore((s) => s.openDropped)
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".zip,.tar,.gz,.tgz"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="choose-archive-input"
        onChange={(e) => {
          const f = e.target.files?.[0]
          e.target.value = ''
          if (f !== undefined) void openDropped(f)
        }}
      />
      <button type="button" onClick={() => input.current?.click()} data-testid="choose-archive">
        Choose an archive…
      </button>
    </>
  )
}

/** Open by typed path (both hosts), the native dialog (Electron), or, without one, a folder browser and the browser's file picker. */
export function OpenPackForm(): React.JSX.Element {
  const [path, setPath] = useState('')
  const [browsing, setBrowsing] = useState(false)
  const openPack = useAppStore((s) => s.openPack)
  const choosePack = useAppStore((s) => s.choosePack)
  const busy = useAppStore((s) => s.verify.kind === 'running' || s.verify.kind === 'opening')
  const dialogs = useAppStore((s) => s.host?.dialogs === true)
  const browse = useAppStore((s) => s.host?.browse === true)
  const failed = useAppStore((s) => (s.verify.kind === 'error' ? s.verify : null))
  const native = async (kind: 'file' | 'folder'): Promise<void> => {
    const p = await choosePack(kind)
    if (p !== null) await openPack(p)
  }
  const notAPack = failed !== null && isNotAPack(failed.error.code)
  const fieldError = failed !== null && !notAPack && failed.path === path.trim()
  return (
    <section className="card open-form" aria-labelledby="open-title">
      <h2 id="open-title">Open a pack</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void openPack(path)
        }}
      >
        <label htmlFor="pack-path">Folder or archive path</label>
        <div className="row">
          <input
            id="pack-path"
            type="text"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder="/path/to/credit-default-1.1.0.zip"
            spellCheck={false}
            autoComplete="off"
            data-testid="path-input"
            aria-describedby={`pack-path-hint${fieldError ? ' open-error' : ''}`}
            aria-invalid={fieldError}
          />
          <button type="submit" className="primary" disabled={busy || path.trim() === ''} aria-describedby="pack-path-hint" title={busy ? 'A pack is opening' : path.trim() === '' ? 'Type a path first' : undefined}>
            Open
          </button>
        </div>
        <PathHint />
        {fieldError && (
          <p className="bad-text small" id="open-error">
            <ErrorText error={failed.error} />
          </p>
        )}
      </form>
      {notAPack && <NotAPackMessage path={failed.path} error={failed.error} />}
      <div className="row open-choices">
        {dialogs && (
          <>
            <button type="button" onClick={() => void native('file')}>
              Choose an archive…
            </button>
            <button type="button" onClick={() => void native('folder')}>
              Choose a folder…
            </button>
            <span className="muted">
              or press <kbd>Ctrl</kbd>+<kbd>O</kbd>
            </span>
          </>
        )}
        {browse && (
          <>
            <button type="button" onClick={() => setBrowsing((b) => !b)} aria-expanded={browsing} data-testid="browse-folders">
              Browse folders…
            </button>
            <ChooseArchive />
          </>
        )}
      </div>
      {browsing && (
        <FolderBrowser
          pickLabel="Open"
          onClose={() => setBrowsing(false)}
          onPick={(p) => {
            setBrowsing(false)
            void openPack(p)
          }}
        />
      )}
    </section>
  )
}
