/**
 * Long jobs (hashing) run async with one AbortController each, so the UI stays live and the user
 * can cancel. Progress is re-emitted on a fixed interval from the latest snapshot the core gave:
 * steady events (>= 5/s for the UI) without flooding the transport however often the core reports.
 */
import type { PackProgress } from '../../shared/domain'
import type { ScanProgress } from '../../core/io/reader'
import { HandlerError } from './types'

export class JobRegistry {
  private readonly jobs = new Map<string, AbortController>()

  start(jobId: string): AbortController {
    if (this.jobs.has(jobId)) throw new HandlerError('invalid-argument', `job ${jobId} is already running`)
    const ac = new AbortController()
    this.jobs.set(jobId, ac)
    return ac
  }

  finish(jobId: string, ac: AbortController): void {
    if (this.jobs.get(jobId) === ac) this.jobs.delete(jobId)
  }

  cancel(jobId: string): boolean {
    const ac = this.jobs.get(jobId)
    if (!ac) return false
    ac.abort()
    return true
  }

  get running(): number {
    return this.jobs.size
  }
}

export interface ProgressPump {
  /** Give to the core as onProgress. */
  readonly update: (p: ScanProgress) => void
  /** Emits the last snapshot once more and stops the timer. */
  readonly stop: () => void
}

export function progressPump(jobId: string, emit: (p: PackProgress) => void, intervalMs: number): ProgressPump {
  let latest: ScanProgress | undefined
  let sentFinal = false
  const send = (): void => {
    if (latest) emit({ jobId, ...pick(latest) })
  }
  const timer = setInterval(send, intervalMs)
  timer.unref?.()
  return {
    update: (p) => {
      const first = latest === undefined
      latest = p
      if (first) send()
    },
    stop: () => {
      clearInterval(timer)
      if (!sentFinal) {
        sentFinal = true
        send()
      }
    }
  }
}

function pick(p: ScanProgress): Omit<PackProgress, 'jobId'> {
  return { filesDone: p.filesDone, filesTotal: p.filesTotal, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal }
}
