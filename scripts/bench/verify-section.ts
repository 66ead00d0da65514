/**
 * The verify section: `vouch verify` (the built CLI, a subprocess) on the large pack as a folder and
 * as a .zip, side by side with `openssl dgst -sha256` over the same files (one process, one core:
 * the per-core hashing limit) and `sha256sum -c manifest-sha256.txt`. The page cache is warmed first
 * (every file read once, untimed) so that every command reads from memory, not disk.
 */
import { open } from 'node:fs/promises'
import { cpus } from 'node:os'
import { relative } from 'node:path'
import { measureMedian, type Measured } from './measure'
import type { BenchSection, Row, Target } from './types'

const TARGET_RATIO = 0.65
const TARGET_RSS_MB = 200

async function warm(files: readonly string[]): Promise<number> {
  const buf = Buffer.allocUnsafe(4 * 1024 * 1024)
  let total = 0
  for (const f of files) {
    const fh = await open(f, 'r')
    try {
      for (;;) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, null)
        if (bytesRead === 0) break
        total += bytesRead
      }
    } finally {
      await fh.close()
    }
  }
  return total
}

/** openssl over every file in as few processes as the argument-size limit allows (usually one). */
async function opensslAll(folder: string, files: readonly string[], runs: number): Promise<Measured> {
  const rel = files.map((f) => relative(folder, f))
  const chunks: string[][] = []
  let cur: string[] = []
  let size = 0
  for (const r of rel) {
    if (size + r.length + 1 > 1_000_000 && cur.length > 0) {
      chunks.push(cur)
      cur = []
      size = 0
    }
    cur.push(r)
    size += r.length + 1
  }
  if (cur.length > 0) chunks.push(cur)
  let wallMs = 0
  let cpuMs = 0
  let peak = 0
  let exitCode = 0
  for (const c of chunks) {
    const m = await measureMedian(runs, 'openssl', ['dgst', '-sha256', ...c], { cwd: folder, stdoutToNull: true })
    wallMs += m.wallMs
    cpuMs += m.cpuMs ?? 0
    peak = Math.max(peak, m.peakRssMb ?? 0)
    exitCode ||= m.exitCode
  }
  return { wallMs, cpuMs: cpuMs || undefined, peakRssMb: peak || undefined, exitCode, stdout: '', stderr: chunks.length > 1 ? `${chunks.length} processes (argument list limit)` : '' }
}

function checkVerified(m: Measured, what: string): void {
  if (m.exitCode !== 0) throw new Error(`vouch verify ${what} exited ${m.exitCode}: ${m.stderr.trim() || m.stdout.slice(0, 2000)}`)
  const j = JSON.parse(m.stdout) as { ok: boolean; status: string }
  if (!j.ok || j.status !== 'verified') throw new Error(`vouch verify ${what}: status ${j.status}`)
}

const mb = (x: number | undefined): string => (x === undefined ? '?' : `${x.toFixed(0)} MB`)

export const verifySection: BenchSection = {
  id: 'verify',
  title: 'Verify a large pack: vouch vs openssl vs sha256sum',
  run: async (ctx) => {
    const pack = await ctx.bigPack()
    ctx.log(`warming the page cache: reading ${pack.files.length} files and the .zip once (untimed)…`)
    const warmed = (await warm(pack.files)) + (pack.zip ? await warm([pack.zip]) : 0)
    const runs = ctx.args.runs
    ctx.log(`timing (median of ${runs} runs each)…`)
    const vFolder = await measureMedian(runs, process.execPath, [ctx.cli, 'verify', pack.folder, '--json'])
    checkVerified(vFolder, 'folder')
    const vZip = pack.zip ? await measureMedian(runs, process.execPath, [ctx.cli, 'verify', pack.zip, '--json']) : undefined
    if (vZip) checkVerified(vZip, 'zip')
    const ossl = await opensslAll(pack.folder, pack.files, runs)
    const sums = await measureMedian(runs, 'sha256sum', ['-c', '--quiet', 'manifest-sha256.txt'], { cwd: pack.folder, stdoutToNull: true })
    if (sums.exitCode !== 0) throw new Error(`sha256sum -c failed on the bench pack: ${sums.stderr}`)
    const base = ossl.wallMs
    const ratio = (m: Measured): string => `${(m.wallMs / base).toFixed(2)}x openssl`
    const gib = (pack.payloadBytes / 1024 ** 3).toFixed(2)
    const rows: Row[] = [
      { label: 'vouch verify <folder>', wallMs: vFolder.wallMs, cpuMs: vFolder.cpuMs, peakRssMb: vFolder.peakRssMb, ratio: ratio(vFolder), detail: 'all cores' },
      vZip
        ? { label: 'vouch verify <pack.zip>', wallMs: vZip.wallMs, cpuMs: vZip.cpuMs, peakRssMb: vZip.peakRssMb, ratio: ratio(vZip), detail: 'all cores, as vouch pack writes it' }
        : { label: 'vouch verify <pack.zip>', detail: `not measured: ${pack.zipError ?? 'no zip'}` },
      { label: 'openssl dgst -sha256 <every file>', wallMs: ossl.wallMs, cpuMs: ossl.cpuMs, peakRssMb: ossl.peakRssMb, ratio: '1.00x', detail: ossl.stderr || 'one process, one core' },
      { label: 'sha256sum -c manifest-sha256.txt', wallMs: sums.wallMs, cpuMs: sums.cpuMs, peakRssMb: sums.peakRssMb, ratio: ratio(sums), detail: 'payload only, one core' }
    ]
    const r = vFolder.wallMs / base
    const targets: Target[] = [
      { name: `folder verify <= ${TARGET_RATIO}x openssl`, pass: r <= TARGET_RATIO, detail: `${r.toFixed(2)}x` },
      { name: `peak RSS < ${TARGET_RSS_MB} MB (folder)`, pass: (vFolder.peakRssMb ?? Infinity) < TARGET_RSS_MB, detail: mb(vFolder.peakRssMb) },
      { name: `peak RSS < ${TARGET_RSS_MB} MB (zip)`, pass: (vZip?.peakRssMb ?? Infinity) < TARGET_RSS_MB, detail: vZip ? mb(vZip.peakRssMb) : 'not measured' }
    ]
    return {
      rows,
      targets,
      notes: [
        `pack: ${pack.payloadFiles} payload files, ${gib} GiB (${pack.folder}); zip ${pack.zip ?? 'none'}`,
        `page cache warmed before timing (${(warmed / 1024 ** 3).toFixed(2)} GiB read once, untimed): every command hashes from memory`,
        ...(vFolder.cpuMs !== undefined && ossl.cpuMs !== undefined
          ? [
              `cpu: vouch (folder) ${(vFolder.cpuMs / ossl.cpuMs).toFixed(2)}x openssl's CPU time; on ${cpus().length} idle cores the folder verify could reach about ${(vFolder.cpuMs / cpus().length / ossl.cpuMs).toFixed(2)}x openssl's time (a floor that ignores startup)`
            ]
          : []),
        `median of ${runs} runs; peak RSS via ${process.platform === 'linux' ? '/usr/bin/time -v (or /proc VmHWM)' : 'n/a'}`
      ]
    }
  }
}
