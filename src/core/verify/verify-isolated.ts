/**
 * verifyPack in a worker thread of its own (the built hash-worker.js), for a tar or tar.gz that a
 * long-lived process verifies after loading much else: signing verifies its candidate archive this
 * way.
 *
 * Why: a tar.gz is gunzipped and hashed in the verifying thread, streaming 1 GB through thousands
 * of short-lived buffers. In a process whose old generation has grown past V8's 8 MB activation
 * threshold (the sign command, having loaded keys, envelopes, assessment), every new-space growth
 * then starts a full mark-compact: `--trace-gc` counted 70-90 of them while signing the bench's
 * 1 GB tar.gz, against one for `vouch verify` of the same file, and perf put about 0.9 s of CPU
 * in marking. A fresh isolate stays under the threshold, so the same verification runs without them.
 *
 * The report is the same object verifyPack returns (it is JSON-serialisable: report.ts). Without
 * a built worker (tests from source), or for a folder or zip (their bytes are hashed on worker
 * threads already), this is verifyPack itself.
 */
import { findHashWorker } from '../io/hash-pool'
import { detectContainer } from '../io/open'
import { startWorker } from '../io/worker-reuse'
import type { VerifyReport } from './report'
import { verifyPack } from './verify'

/** What the worker answers to `{ verify: location }` (hash-worker.ts). */
export type IsolatedAnswer = { readonly report: VerifyReport } | { readonly error: { readonly name: string; readonly message: string; readonly code?: string } }

export async function verifyPackIsolated(location: string, opts: { readonly workerFile?: string } = {}): Promise<VerifyReport> {
  const file = opts.workerFile ?? findHashWorker()
  const kind = await detectContainer(location).catch(() => undefined)
  if (!file || (kind !== 'tar' && kind !== 'tar.gz')) return verifyPack(location)
  // An idle kept worker of the script serves (its heap is as small); it is never kept afterwards,
  // holding the verifier it loaded.
  const worker = startWorker(file, undefined).worker
  try {
    const answer = await new Promise<IsolatedAnswer>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`the verifying worker stopped before answering (exit code ${code})`)))
      worker.postMessage({ verify: location })
    })
    if ('report' in answer) return answer.report
    // The error crosses the thread as data: its name, message and code, not its class.
    const e = new Error(answer.error.message) as Error & { code?: string }
    e.name = answer.error.name
    if (answer.error.code !== undefined) e.code = answer.error.code
    throw e
  } finally {
    worker.removeAllListeners()
    void worker.terminate()
  }
}
