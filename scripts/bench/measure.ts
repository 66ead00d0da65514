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

export interface Cmd {
  readonly cmd: string
  readonly args: readonly string[]
  readonly cwd?: string
  /** Untimed, before every run (remove an output, restore an archive). */
  readonly setup?: () => Promise<void>
  /** Checks a finished run (exit code, output); throws when it did not do the work. */
  readonly check?: (m: Measured) => void
}

export interface Pair {
  /** Median wall (and its run's cpu) over the counted runs; peak RSS is the largest seen. */
  readonly a: Measured
  readonly b: Measured
  /** a / b wall time, pair by pair (run i of A against run i of B): median, min, max. */
  readonly ratio: { readonly median: number; readonly min: number; readonly max: number }
  /** a / b CPU time, pair by pair: median. */
  readonly cpuRatio?: number
}

const median = (xs: readonly number[]): number => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)] as number

async function once(c: Cmd): Promise<Measured> {
  await c.setup?.()
  const m = await measure(c.cmd, c.args, { cwd: c.cwd, stdoutToNull: c.check === undefined })
  if (c.check) c.check(m)
  else if (m.exitCode !== 0) throw new Error(`${c.cmd} ${c.args.join(' ')} exited ${m.exitCode}: ${m.stderr.trim().slice(0, 500)}`)
  return m
}

function medianOf(all: readonly Measured[]): Measured {
  const med = [...all].sort((x, y) => x.wallMs - y.wallMs)[Math.floor((all.length - 1) / 2)] as Measured
  const peak = Math.max(...all.map((m) => m.peakRssMb ?? 0))
  const cpus = all.map((m) => m.cpuMs).filter((x): x is number => x !== undefined)
  return { ...med, peakRssMb: peak > 0 ? peak : undefined, cpuMs: cpus.length === all.length ? median(cpus) : med.cpuMs }
}

/**
 * A against its reference B on a shared, noisy machine: one untimed warm-up of each, then A B A B
 * ... `runs` times, so both see the same drift; the ratio is taken pair by pair.
 */
export async function measurePair(runs: number, a: Cmd, b: Cmd): Promise<Pair> {
  await once(a)
  await once(b)
  const as: Measured[] = []
  const bs: Measured[] = []
  for (let i = 0; i < Math.max(1, runs); i++) {
    as.push(await once(a))
    bs.push(await once(b))
  }
  const ratios = as.map((m, i) => m.wallMs / (bs[i] as Measured).wallMs)
  const cpu = as.every((m, i) => m.cpuMs !== undefined && bs[i]?.cpuMs !== undefined) ? median(as.map((m, i) => (m.cpuMs as number) / ((bs[i] as Measured).cpuMs as number))) : undefined
  return { a: medianOf(as), b: medianOf(bs), ratio: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) }, ...(cpu !== undefined ? { cpuRatio: cpu } : {}) }
}

/** "0.52x (0.49-0.60 over 5 pairs)": the median ratio and its spread, which says how noisy the run was. */
export function ratioText(p: Pair, runs: number): string {
  return `${p.ratio.median.toFixed(2)}x (${p.ratio.min.toFixed(2)}-${p.ratio.max.toFixed(2)} over ${runs} pairs)`
}
