/**
 * The one approval rule every host applies before it writes a sign-off (`vouch sign`, the app's
 * signoff:sign): a signature that the policy would ignore is never written.
 *
 * 1. An approve with a checklist item answered "no" is refused: the approval policy never counts
 *    it (signoff-checklist-not-met), so writing it would only add a valid-looking signature that
 *    approves nothing. Fix the answer, or sign a rejection.
 * 2. When the release gate against the previous release is Blocked, an approve must acknowledge
 *    the blocking reasons; the acknowledgement (previous release, every blocker) is then signed
 *    into the statement, and the pack reads "Approved with acknowledged blockers".
 * A rejection is never refused.
 */
import type { ChecklistAnswer } from '../signoff/checklist'
import type { Acknowledgement, Decision } from '../signoff/statement'
import { acknowledgementFor, previousName } from './gate'
import type { GateSection } from './types'

export interface SigningIntent {
  readonly decision: Decision
  readonly checklist: readonly { readonly id: string; readonly answer: ChecklistAnswer }[]
  /** The signer accepts the gate's blocking reasons (CLI --acknowledge-blockers, the app's checkbox). */
  readonly acknowledgeBlockers?: boolean
}

export type RefusalCode = 'approve-with-no' | 'blockers-not-acknowledged' | 'previous-without-digest'

export class ApprovalRefusedError extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string
  ) {
    super(message)
    this.name = 'ApprovalRefusedError'
  }
}

/** Why this sign-off must not be written, or undefined when it may. */
export function approvalRefusal(intent: SigningIntent, gate: GateSection | null): { readonly code: RefusalCode; readonly message: string } | undefined {
  if (intent.decision !== 'approve') return undefined
  const noes = intent.checklist.filter((c) => c.answer === 'no').map((c) => c.id)
  if (noes.length > 0) {
    return {
      code: 'approve-with-no',
      message: `an approval needs every checklist item answered yes or n/a; answered "no": ${noes.join(', ')}. An approval with a "no" never counts, so it is not written: change the answer or sign a rejection`
    }
  }
  if (gate && gate.verdict === 'blocked') {
    const why = gate.blockers.map((b) => b.message).join('; ')
    if (gate.previous.digest === null) return { code: 'previous-without-digest', message: `the diff against ${previousName(gate)} is Blocked (${why}) and that release has no pack digest, so its blockers cannot be acknowledged` }
    if (intent.acknowledgeBlockers !== true) {
      return {
        code: 'blockers-not-acknowledged',
        message: `the diff against ${previousName(gate)} is Blocked (${why}): an approval must acknowledge these blocking reasons (they are signed into the statement), or sign a rejection`
      }
    }
  }
  return undefined
}

/** Applies the rule: throws ApprovalRefusedError, or returns what to sign besides the answers. */
export function prepareSignoff(intent: SigningIntent, gate: GateSection | null): { readonly acknowledges?: Acknowledgement } {
  const refusal = approvalRefusal(intent, gate)
  if (refusal) throw new ApprovalRefusedError(refusal.code, refusal.message)
  const ack = intent.decision === 'approve' ? acknowledgementFor(gate) : undefined
  return ack ? { acknowledges: ack } : {}
}
