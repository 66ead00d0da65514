import { useMemo, useState } from 'react'
import type { FileRecord, FileStatus, VerifyReport } from '../../../../../core/verify/report'
import { CopyButton } from '../../../components/CopyButton'
import { Digest } from '../../../components/Digest'
import { VirtualList } from '../../../components/VirtualList'
import { useAppStore } from '../../../store'
import { formatBytes, formatCount } from '../../../lib/format'

const STATUS: Record<FileStatus, { readonly label: string; readonly cls: string }> = {
  ok: { label: 'OK', cls: 'ok' },
  mismatch: { label: 'Hash mismatch', cls: 'bad' },
  missing: { label: 'Missing', cls: 'bad' },
  unexpected: { label: 'Not in manifest', cls: 'bad' },
  tag: { label: 'Tag file', cls: 'neutral' },
  signoff: { label: 'Sign-off', cls: 'neutral' },
  refused: { label: 'Refused', cls: 'bad' }
}

const ROW_HEIGHT = 34

/**
 * The file's SHA-256, cut to the column, in full on hover or keyboard focus (and, for a mismatch,
 * beside the manifest's), with a copy button of its own.
 */
function HashCell(props: { readonly f: FileRecord }): React.JSX.Element {
  const { f } = props
  if (f.sha256 === undefined) return <span className="muted">—</span>
  const differs = f.expected !== undefined && f.expected !== f.sha256
  return (
    <span className="hash" tabIndex={0} aria-label={`SHA-256 of ${f.path}: ${f.sha256}${differs ? `; the manifest says ${f.expected ?? ''}` : ''}`} data-testid="file-hash">
      <span className="hash-short mono">{f.sha256}</span>
      <span className="hash-full" aria-hidden="true" data-testid="file-hash-full">
        <Digest value={f.sha256} />
        {differs && (
          <span className="hash-expected">
            manifest: <Digest value={f.expected ?? ''} />
          </span>
        )}
      </span>
    </span>
  )
}

function FileRow(props: { readonly f: FileRecord }): React.JSX.Element {
  const { f } = props
  const s = STATUS[f.status]
  return (
    <>
      <div role="cell" className="fcell fpath mono" title={f.path}>
        {f.path}
      </div>
      <div role="cell" className="fcell fsize">
        {formatBytes(f.size)}
      </div>
      <div role="cell" className="fcell fhash">
        <HashCell f={f} />
      </div>
      <div role="cell" className="fcell fcopy">
        {f.sha256 !== undefined && <CopyButton text={f.sha256} label={`Copy the SHA-256 of ${f.path}`} />}
      </div>
      <div role="cell" className="fcell fstatus">
        <span className={`pill ${s.cls}`}>{s.label}</span>
      </div>
    </>
  )
}

/** Every file with size, hash and status; problems first; filterable by path. */
export function FilesSection(props: { readonly report: VerifyReport }): React.JSX.Element {
  const filter = useAppStore((s) => s.filesQuery)
  const setFilter = useAppStore((s) => s.setFilesQuery)
  const [onlyProblems, setOnlyProblems] = useState(false)
  const files = useMemo(() => {
    const bad = (f: FileRecord): boolean => STATUS[f.status].cls === 'bad'
    const q = filter.trim().toLowerCase()
    const list = props.report.files.filter((f) => (!onlyProblems || bad(f)) && (q === '' || f.path.toLowerCase().includes(q)))
    return list.sort((a, b) => Number(bad(b)) - Number(bad(a)) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  }, [props.report.files, filter, onlyProblems])
  return (
    <div className="section-body">
      <div className="toolbar">
        <label htmlFor="file-filter">Filter by path</label>
        <input id="file-filter" type="text" value={filter} onChange={(e) => setFilter(e.target.value)} spellCheck={false} />
        <label className="check">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} /> Only problems
        </label>
        <span className="muted small">Hover or focus a hash to see all of it.</span>
        <span className="muted" data-testid="files-count">
          {formatCount(files.length)} of {formatCount(props.report.files.length)} files
        </span>
      </div>
      <VirtualList
        count={files.length}
        rowHeight={ROW_HEIGHT}
        height={Math.min(520, Math.max(ROW_HEIGHT * 3, files.length * ROW_HEIGHT))}
        label="Files"
        className="vfiles"
        header={
          <>
            <div role="columnheader" className="fcell fpath">
              Path
            </div>
            <div role="columnheader" className="fcell fsize">
              Size
            </div>
            <div role="columnheader" className="fcell fhash">
              SHA-256
            </div>
            <div role="columnheader" className="fcell fcopy">
              <span className="visually-hidden">Copy</span>
            </div>
            <div role="columnheader" className="fcell fstatus">
              Status
            </div>
          </>
        }
        renderRow={(i) => {
          const f = files[i]
          return f === undefined ? null : <FileRow f={f} />
        }}
      />
    </div>
  )
}
