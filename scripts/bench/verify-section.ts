/**
 * The verify section: `vouch verify` (the built CLI, a subprocess) against the command a user
 * would type to hash the same bytes, `openssl dgst -sha256 <every file>` (one process), on the
 * bench's own pack and on a weights-heavy pack; then the packs as zips (what `vouch pack` writes)
 * against the folders they came from, and a deflated text-heavy zip against `unzip -tq`.
 * Each pair runs alternately (A B A B ...) after a warm-up; the page cache is warm throughout.
 */
import { open } from 'node:fs/promises'
import { cpus } from 'node:os'
import { relative } from 'node:path'
import { measurePair, ratioText, type Cmd, type Measured, type Pair } from './measure'
import { ensureArchive, ensureShapedPack, gib, mib } from './packs'
import type { BenchContext, BenchSection, Row, Target } from './types'

const WALL_TARGET = 0.7
const CPU_TARGET = 1.3
const RSS_TARGET_MB = 200
const ZIP_TARGET = 1.2
const INFLATE_CORES_TARGET = 1.5

async function warm(files: readonly string[]): Promise<void> {
  const buf = Buffer.allocUnsafe(4 * 1024 * 1024)
  for (const f of files) {
    const fh = await open(f, 'r')
    try {
      while ((await fh.read(buf, 0, buf.length, null)).bytesRead > 0);
    } finally {
      await fh.close()
    }
  }
}

/** `openssl dgst -sha256 <every file>`: one process unless the argument list would be too long. */
function openssl(folder: string, files: readonly string[]): Cmd {
  const rel = files.map((f) => relative(folder, f))
  if (rel.reduce((n, r) => n + r.length + 1, 0) > 1_000_000) throw new Error('too many files for one openssl command line')
  return { cmd: 'openssl', args: ['dgst', '-sha256', ...rel], cwd: folder }
}

/** What each verified pack's report says was recomputed (work openssl does not do). */
const recomputed = new Map<string, string>()

function verified(what: string): (m: Measured) => void {
  return (m) => {
    if (m.exitCode !== 0) throw new Error(`vouch verify ${what} exited ${m.exitCode}: ${m.stderr.trim() || m.stdout.slice(0, 500)}`)
    const j = JSON.parse(m.stdout) as { ok: boolean; status: string; assessment?: { reproducibility?: { summary?: { text?: string } } } }
    if (!j.ok || j.status !== 'verified') throw new Error(`vouch verify ${what}: status ${j.status}`)
    const text = j.assessment?.reproducibility?.summary?.text
    if (text) recomputed.set(what, text)
  }
}

const vouchVerify = (ctx: BenchContext, location: string, what: string): Cmd => ({ cmd: process.execPath, args: [ctx.cli, 'verify', location, '--json'], check: verified(what) })
const mb = (x: number | undefined): string => (x === undefined ? '?' : `${x.toFixed(0)} MB`)
const cores = (m: Measured): number => (m.cpuMs ?? 0) / m.wallMs

function pairRows(label: string, refLabel: string, p: Pair, runs: number, detail: string): Row[] {
  return [
    { label, wallMs: p.a.wallMs, cpuMs: p.a.cpuMs, peakRssMb: p.a.peakRssMb, ratio: ratioText(p, runs), detail },
    { label: `  ${refLabel}`, wallMs: p.b.wallMs, cpuMs: p.b.cpuMs, peakRssMb: p.b.peakRssMb, ratio: '1.00x' }
  ]
}

export const verifySection: BenchSection = {
  id: 'verify',
  title: 'Verify: vouch verify against openssl dgst -sha256 over the same files, and zips against their folders',
  run: async (ctx) => {
    const runs = ctx.args.runs
    const own = await ctx.bigPack()
    const weights = await ensureShapedPack(ctx.dir, 'weights', ctx.log)
    const text = await ensureShapedPack(ctx.dir, 'text', ctx.log)
    const ownZip = own.zip ?? (await ensureArchive(ctx.cli, own, 'zip', ctx.log))
    const textZip = await ensureArchive(ctx.cli, text, 'zip', ctx.log)
    ctx.log('warming the page cache (every file read once, untimed)…')
    await warm([...own.files, ...weights.files, ...text.files, ownZip, textZip])
    const rows: Row[] = []
    const targets: Target[] = []
    const notes: string[] = []
    for (const [name, pack] of [
      ['bench pack', own],
      ['weights pack', weights]
    ] as const) {
      ctx.log(`verify ${name}: vouch against openssl, ${runs} pairs…`)
      const p = await measurePair(runs, vouchVerify(ctx, pack.folder, name), openssl(pack.folder, pack.files))
      rows.push(...pairRows(`vouch verify <${name}>`, 'openssl dgst -sha256 <every file>', p, runs, `${pack.payloadFiles} files, ${gib(pack.payloadBytes)}; cpu ${p.cpuRatio?.toFixed(2) ?? '?'}x openssl's`))
      targets.push(
        { name: `${name}: folder verify <= ${WALL_TARGET}x openssl wall`, pass: p.ratio.median <= WALL_TARGET, detail: ratioText(p, runs) },
        { name: `${name}: CPU <= ${CPU_TARGET}x openssl's`, pass: (p.cpuRatio ?? Infinity) <= CPU_TARGET, detail: `${p.cpuRatio?.toFixed(2) ?? '?'}x` },
        { name: `${name}: peak RSS < ${RSS_TARGET_MB} MB`, pass: (p.a.peakRssMb ?? Infinity) < RSS_TARGET_MB, detail: mb(p.a.peakRssMb) }
      )
    }
    ctx.log(`verify the bench pack as a zip against its folder, ${runs} pairs…`)
    const z = await measurePair(runs, vouchVerify(ctx, ownZip, 'zip'), vouchVerify(ctx, own.folder, 'folder'))
    rows.push(...pairRows('vouch verify <bench pack.zip> (stored by the store rule)', 'vouch verify <bench pack folder>', z, runs, 'as vouch pack writes it'))
    targets.push({ name: `stored zip verify <= ${ZIP_TARGET}x the folder's`, pass: z.ratio.median <= ZIP_TARGET, detail: ratioText(z, runs) })
    ctx.log(`verify the text pack as a (deflated) zip against unzip -tq, ${runs} pairs…`)
    const t = await measurePair(runs, vouchVerify(ctx, textZip, 'text zip'), { cmd: 'unzip', args: ['-tq', textZip] })
    rows.push(...pairRows('vouch verify <text pack.zip> (deflated)', 'unzip -tq <text pack.zip>', t, runs, `${text.payloadFiles} files, ${mib(text.payloadBytes)}; ${cores(t.a).toFixed(2)} cores busy`))
    targets.push({ name: `deflated zip inflates on every core (cpu/wall >= ${INFLATE_CORES_TARGET})`, pass: cores(t.a) >= INFLATE_CORES_TARGET, detail: `${cores(t.a).toFixed(2)} of ${cpus().length} cores` })
    for (const name of ['bench pack', 'weights pack']) {
      const text = recomputed.get(name)
      if (text) notes.push(`${name}: what vouch verify recomputes besides hashing (openssl only hashes), in its report's words: ${text}`)
    }
    notes.push(
      'ratio: A/B wall time pair by pair, median and range (the range says how noisy the machine was)',
      `openssl is one process on one core; on ${cpus().length} cores the best a verifier can do is about ${(1 / cpus().length).toFixed(2)}x plus its start-up`,
      'peak RSS via /usr/bin/time -v; every command reads from the page cache (warmed first)'
    )
    return { rows, targets, notes }
  }
}
