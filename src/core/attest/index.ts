/** PDF attestation: the record an auditor files, and anyone can re-check (docs/attestation.md). */
export { renderAttestation, attestationDate, attestationBlocks } from './render'
export type { AttestationInput, RenderOptions, DiffView, DiffChangeView, TrustFileView } from './input'
export type { FontBytes } from './fonts/font-set'
export { FontError } from './fonts/sfnt'
export { verificationRecord, VERIFICATION_RECORD_SCHEMA, type Attachment } from './attachments'
export { attestationInput, diffView } from './from-core'
