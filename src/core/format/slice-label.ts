/**
 * How a slice is named to people, everywhere (the app's tables, chart and cross-links, the
 * assessment): its name with its id in brackets, "Telesales applications (channel-telesales)", or
 * the id alone when it has no name (or the name is the id).
 */
export function sliceLabel(s: { readonly id: string; readonly name?: string | null | undefined }): string {
  const name = s.name?.trim()
  return name === undefined || name === '' || name === s.id ? s.id : `${name} (${s.id})`
}
