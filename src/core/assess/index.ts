/**
 * The one verdict on a pack (pure parts; assessPack, which reads files, is in assess-pack.ts).
 * docs/verdict.md describes the statuses, their precedence and exit codes; README.md here the
 * extension points.
 */
export { assessReports, overallStatus, type AssessInputs } from './assess-reports'
export { approvalRefusal, ApprovalRefusedError, prepareSignoff, type RefusalCode, type SigningIntent } from './approval-rule'
export { acknowledgementFor, blockedGate, gateSection, previousName } from './gate'
export { integritySection, MAX_FAILING_LISTED, plainWords } from './integrity'
export { evaluateRequirements, REQUIREMENTS, type RequireOptions, type RequirementDef } from './requirements'
export { exitCodeOf, precedence, STATUS_TABLE, statusInfo, UNREADABLE_STATUS, worstOf, type OverallStatus, type StatusInfo, type StatusTone } from './status'
export * from './types'
