/**
 * The app section: a 10,000-file pack opened through the built loopback host (`vouch serve`, a
 * subprocess), exactly as the UI does it: POST /api/pack:open, then pack:verify with progress on the
 * /events stream. Measures the time until the overview can be shown (the report with its evidence)
 * and how often progress reached the client while hashing. Issue 3 targets: overview < 2 s,
 * progress >= 5 per second.
 */
import { spawn } from 'node:child_process'
import { request } from 'node:http'
import { performance } from 'node:perf_hooks'
import { ensureBigPack } from './big-pack'
import type { BenchContext, BenchSection, Row, Target } from './types'

interface Host {
  readonly port: number
  readonly token: string
  readonly stop: () => void
}

async function startHost(ctx: BenchContext): Promise<Host> {
  const proc = spawn(process.execPath, [ctx.cli, 'serve', '--port', '0'], { env: { ...process.env, VOUCH_USER_DATA: `${ctx.dir}/app-user-data` }, stdio: ['ignore', 'pipe', 'ignore'] })
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error('vouch serve did not print its URL within 20 s')), 20_000)
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /Vouch is serving at http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ port: Number(m[1]), token: m[2]!, stop: () => void proc.kill('SIGTERM') })
      }
    })
    proc.on('exit', (code) => reject(new Error(`vouch serve exited (${code})`)))
  })
}

async function call<T>(h: Host, channel: string, args: unknown[]): Promise<T> {
  const r = await fetch(`http://127.0.0.1:${h.port}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${h.token}` },
    body: JSON.stringify(args)
  })
  const body = (await r.json()) as { ok: boolean; value?: T; error?: { message: string } }
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`)
  return body.value as T
}

/** Arrival times (performance.now) of pack:progress events for one job. */
function listen(h: Host, jobId: string): { readonly times: number[]; readonly close: () => void; readonly ready: Promise<void> } {
  const times: number[] = []
  let buf = ''
  let close = (): void => undefined
  const ready = new Promise<void>((resolve) => {
    const req = request({ host: '127.0.0.1', port: h.port, path: '/events', headers: { authorization: `Bearer ${h.token}` } }, (res) => {
      res.setEncoding('utf8')
      resolve()
      res.on('data', (c: string) => {
        buf += c
        let i: number
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i)
          buf = buf.slice(i + 2)
          if (frame.startsWith('event: pack:progress') && frame.includes(`"jobId":"${jobId}"`)) times.push(performance.now())
        }
      })
    })
    req.on('error', () => undefined)
    req.end()
    close = () => req.destroy()
  })
  return { times, close: () => close(), ready }
}

export const appSection: BenchSection = {
  id: 'app',
  title: 'App: open a 10,000-file pack through `vouch serve` (HTTP + Server-Sent Events)',
  run: async (ctx) => {
    const pack = await ensureBigPack(ctx.dir, { ...ctx.args, smallFiles: 10_000, bigFiles: 2, sizeBytes: 256 * 1024 * 1024 }, ctx.log)
    const host = await startHost(ctx)
    try {
      const jobId = 'bench-open'
      const events = listen(host, jobId)
      await events.ready
      const t0 = performance.now()
      const opened = await call<{ packId: string; provisionalEvidence?: unknown }>(host, 'pack:open', [pack.folder])
      const tOpen = performance.now()
      const report = await call<{ status: string; stats: { filesChecked: number; bytesChecked: number } }>(host, 'pack:verify', [opened.packId, jobId])
      const tDone = performance.now()
      events.close()
      // Rate while hashing: events between the first and the last, over that span.
      const t = events.times
      const span = t.length > 1 ? (t[t.length - 1]! - t[0]!) / 1000 : 0
      const rate = span > 0 ? (t.length - 1) / span : 0
      let maxGap = 0
      for (let i = 1; i < t.length; i++) maxGap = Math.max(maxGap, t[i]! - t[i - 1]!)
      const overviewMs = tDone - t0
      const rows: Row[] = [
        { label: `pack:open (header${opened.provisionalEvidence ? ', provisional overview' : ''})`, wallMs: tOpen - t0 },
        { label: `pack:verify: overview ready (${report.stats.filesChecked} files, ${report.status})`, wallMs: overviewMs },
        {
          label: 'progress events while hashing',
          detail: `${t.length} events, ${rate.toFixed(1)}/s, longest gap ${maxGap.toFixed(0)} ms, first ${t[0] === undefined ? '-' : `${(t[0] - t0).toFixed(0)} ms`} after open`
        }
      ]
      const targets: Target[] = [
        { name: 'overview of a 10,000-file pack < 2 s', pass: overviewMs < 2000 && report.status === 'verified', detail: `${(overviewMs / 1000).toFixed(2)} s` },
        // A verification shorter than a second cannot show a rate; then every gap must be short.
        { name: 'progress reaches the UI >= 5/s', pass: t.length > 0 && (span >= 1 ? rate >= 5 : maxGap <= 200), detail: span >= 1 ? `${rate.toFixed(1)}/s` : `${t.length} events in ${(span * 1000).toFixed(0)} ms, longest gap ${maxGap.toFixed(0)} ms` }
      ]
      return { rows, targets, notes: [`pack: ${pack.payloadFiles} payload files, ${(pack.payloadBytes / 1024 ** 2).toFixed(0)} MiB, as a folder`] }
    } finally {
      host.stop()
    }
  }
}
