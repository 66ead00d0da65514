// One source of truth for where each evidence document lives: core's pure constant (no node code).
export { EVIDENCE_PATHS } from '../../../core/format/evidence'
