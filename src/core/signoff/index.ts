/**
 * Sign-off: the pure API (no node: imports). Node-only pieces are in keys-node.ts (encrypted key
 * files) and sign-node.ts (signPackOnDisk: embed a sign-off into a pack on disk).
 */
export { acknowledgementCovers, assessSignoffs, DEFAULT_POLICY } from './assess'
export type { ApprovalPolicy, ApprovalStatus, BlockedGate, RoleApproval, SignoffAssessment, SignoffResult, SignoffStatus, SignoffSummary } from './assess'
export { blankAnswers, DEFAULT_CHECKLIST, entriesFromAnswers, ChecklistError } from './checklist'
export type { AnswersFile, ChecklistAnswer, ChecklistEntry, ChecklistItemDef } from './checklist'
export { SIGNOFF_CODES, type SignoffCode } from './codes'
export { checkEnvelope, createSignoffEnvelope, subjectName, uniqueSignoffPath } from './envelope'
export type { CreateSignoffInput, CreatedSignoff, EnvelopeCheck, PackIdentity } from './envelope'
export { fingerprint, formatPublicKeyLine, parsePublicKeyFile, shortFingerprint, KeyFormatError } from './keys'
export { PAYLOAD_TYPE, PREDICATE_TYPE, PREDICATE_TYPE_V2, STATEMENT_TYPE } from './statement'
export type { Acknowledgement, Decision, SignoffPredicate, SignoffStatement } from './statement'
export { formatTrustLine, parseTrustFile, parseTrustFileLenient, TrustFileError } from './trust'
export type { TrustEntry, TrustFile, TrustProblem } from './trust'
