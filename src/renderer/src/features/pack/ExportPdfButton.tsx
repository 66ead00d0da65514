import { useState } from 'react'
import { useAppStore } from '../../store'

/** Export the attestation PDF; the host answers with where the file went (shown as a message). */
export function ExportPdfButton(props: { readonly hasPrevious: boolean }): React.JSX.Element {
  const exportPdf = useAppStore((s) => s.exportPdf)
  const exporting = useAppStore((s) => s.exporting)
  const [against, setAgainst] = useState(true)
  return (
    <div className="export-pdf">
      <button type="button" onClick={() => void exportPdf(props.hasPrevious && against)} disabled={exporting} data-testid="export-pdf">
        {exporting ? 'Exporting…' : 'Export PDF'}
      </button>
      {props.hasPrevious && (
        <label className="check small">
          <input type="checkbox" checked={against} onChange={(e) => setAgainst(e.target.checked)} /> with the diff against the previous release
        </label>
      )}
    </div>
  )
}
