/**
 * Runs a command as a child process and measures wall time and peak resident memory: through
 * GNU `/usr/bin/time -v` when present ("Maximum resident set size"), else by polling
 * /proc/<pid>/status VmHWM (Linux). Peak RSS is of the measured process itself (its worker
 * threads included).
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'

export interface Measured {
  readonly wallMs: number
  /** Peak resident set size in MiB, when it could be measured. */
  readonly peakRssMb?: number
  /** User + system CPU time (from time -v), to read wall times on a busy machine. */
  readonly cpuMs?: number
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

const TIME = '/usr/bin/time'

export async function measure(cmd: string, args: readonly string[], opts: { cwd?: string; stdoutToNull?: boolean } = {}): Promise<Measured> {
  const useTime = existsSync(TIME)
  const [file, argv] = useTime ? [TIME, ['-v', cmd, ...args]] : [cmd, [...args]]
  const start = process.hrtime.bigint()
  const child = spawn(file, argv, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  let outBytes = 0
  child.stdout.on('data', (b: Buffer) => {
    outBytes += b.length
    if (!opts.stdoutToNull && outBytes < 4 * 1024 * 1024) stdout += b.toString('utf8')
  })
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString('utf8')
  })
  let polledKb = 0
  const poll = useTime
    ? undefined
    : setInterval(() => {
        readFile(`/proc/${child.pid}/status`, 'utf8').then(
          (s) => {
            const m = /VmHWM:\s+(\d+) kB/.exec(s)
            if (m) polledKb = Math.max(polledKb, Number(m[1]))
          },
          () => undefined
        )
      }, 5)
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve(code ?? -1))
  })
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6
  if (poll) clearInterval(poll)
  let peakKb = polledKb
  let cpuMs: number | undefined
  if (useTime) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)
    if (m) peakKb = Number(m[1])
    const u = /User time \(seconds\): ([\d.]+)/.exec(stderr)
    const k = /System time \(seconds\): ([\d.]+)/.exec(stderr)
    if (u && k) cpuMs = (Number(u[1]) + Number(k[1])) * 1000
    // Keep the command's own stderr readable: drop time's report.
    const cut = stderr.lastIndexOf('\tCommand being timed:')
    if (cut !== -1) stderr = stderr.slice(0, cut)
  }
  return { wallMs, peakRssMb: peakKb > 0 ? peakKb / 1024 : undefined, cpuMs, exitCode, stdout, stderr }
}

/** Runs `runs` times and keeps the run with the median wall time (and the max peak RSS seen). */
export async function measureMedian(runs: number, cmd: string, args: readonly string[], opts: { cwd?: string; stdoutToNull?: boolean } = {}): Promise<Measured> {
  const all: Measured[] = []
  for (let i = 0; i < Math.max(1, runs); i++) all.push(await measure(cmd, args, opts))
  const sorted = [...all].sort((a, b) => a.wallMs - b.wallMs)
  const med = sorted[Math.floor((sorted.length - 1) / 2)] as Measured
  const peaks = all.map((m) => m.peakRssMb ?? 0)
  const peak = Math.max(...peaks)
  return { ...med, peakRssMb: peak > 0 ? peak : undefined }
}

/** Times an in-process function (for pure sections such as diff or PDF layout). */
export async function timeIt<T>(fn: () => Promise<T> | T): Promise<{ wallMs: number; value: T }> {
  const start = process.hrtime.bigint()
  const value = await fn()
  return { wallMs: Number(process.hrtime.bigint() - start) / 1e6, value }
}
