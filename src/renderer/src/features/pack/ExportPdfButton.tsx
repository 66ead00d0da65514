import { useAppStore } from '../../store'

/**
 * Export the attestation PDF of the pack's assessment (against the previous release beside it, when
 * there is one: the same inputs as the badge); the host answers with where the file went.
 */
export function ExportPdfButton(): React.JSX.Element {
  const exportPdf = useAppStore((s) => s.exportPdf)
  const exporting = useAppStore((s) => s.exporting)
  return (
    <div className="export-pdf">
      <button type="button" onClick={() => void exportPdf()} disabled={exporting} data-testid="export-pdf">
        {exporting ? 'Exporting…' : 'Export PDF'}
      </button>
    </div>
  )
}
