/**
 * The one door into the handlers, for both hosts: (1) the sender is checked by the host's rule,
 * (2) the arguments are validated against the contract, (3) the handler runs, and whatever it
 * throws becomes a typed `{ ok: false, error }` (VS Code validatedIpcMain, Mattermost ipcValidate).
 * Rejections are logged with the channel and the reason, never with argument values (passphrases).
 */
import { checkArgs, fail, isChannel, ok, type Result } from '../../shared/contract'
import { toApiError } from './errors'
import type { Handlers, Logger } from './types'

/** Undefined when the sender may call; else the reason it may not. */
export type SenderCheck<S> = (sender: S) => string | undefined

export interface Dispatcher<S> {
  readonly dispatch: (channel: unknown, args: unknown, sender: S) => Promise<Result<unknown>>
  /** How many calls were refused (foreign sender, unknown channel, bad arguments). */
  readonly rejected: () => number
}

export function createDispatcher<S>(handlers: Handlers, checkSender: SenderCheck<S>, log: Logger): Dispatcher<S> {
  let rejected = 0
  const reject = (code: string, why: string): Result<never> => {
    rejected++
    log.warn(`refused a call: ${why}`)
    return fail(code, why)
  }
  return {
    rejected: () => rejected,
    dispatch: async (channel, args, sender) => {
      let senderProblem: string | undefined
      try {
        senderProblem = checkSender(sender)
      } catch {
        senderProblem = 'the sender could not be checked'
      }
      if (senderProblem !== undefined) return reject('forbidden', `${String(channel).slice(0, 64)}: ${senderProblem}`)
      if (!isChannel(channel)) return reject('invalid-argument', `unknown channel '${String(channel).slice(0, 64)}'`)
      const problem = checkArgs(channel, args)
      if (problem !== undefined) return reject('invalid-argument', `${channel}: ${problem}`)
      const handler = handlers[channel] as (...a: readonly unknown[]) => Promise<unknown>
      try {
        return ok(await handler(...(args as readonly unknown[])))
      } catch (e) {
        const error = toApiError(e)
        if (error.code === 'internal') log.error(`${channel}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
        return { ok: false, error }
      }
    }
  }
}
