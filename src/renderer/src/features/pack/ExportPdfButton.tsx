import { useAppStore } from '../../store'

/** Export the attestation PDF; the host answers with where the file went. */
export function ExportPdfButton(): React.JSX.Element {
  const exportPdf = useAppStore((s) => s.exportPdf)
  const exporting = useAppStore((s) => s.exporting)
  return (
    <button type="button" onClick={() => void exportPdf()} disabled={exporting} data-testid="export-pdf">
      {exporting ? 'Exporting…' : 'Export PDF'}
    </button>
  )
}
