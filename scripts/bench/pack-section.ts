/**
 * The pack section: `vouch pack <folder> -o x.zip` against `zip -qr x.zip .` and `vouch pack <folder>
 * -o x.tar.gz` against `tar czf x.tar.gz .` (both run in the pack folder, so the bag is at the
 * archive root as vouch writes it), on a weights-heavy and a text-heavy pack. `vouch pack` verifies
 * the folder first, as a user gets it; its output is checked to verify. Alternating pairs.
 */
import { spawnSync } from 'node:child_process'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { measurePair, ratioText, type Cmd } from './measure'
import { ensureShapedPack, gib, mib } from './packs'
import type { BenchSection, Row, Target } from './types'

const TARGETS = { weights: 0.25, text: 0.6 } as const

export const packSection: BenchSection = {
  id: 'pack',
  title: 'Pack: vouch pack against zip -qr and tar czf',
  run: async (ctx) => {
    const runs = ctx.args.runs
    const rows: Row[] = []
    const targets: Target[] = []
    const outDir = join(ctx.dir, 'pack-out')
    await mkdir(outDir, { recursive: true })
    for (const shape of ['weights', 'text'] as const) {
      const pack = await ensureShapedPack(ctx.dir, shape, ctx.log)
      for (const kind of ['zip', 'tar.gz'] as const) {
        const ours = join(outDir, `vouch-${shape}.${kind}`)
        const theirs = join(outDir, `ref-${shape}.${kind}`)
        const fresh = (p: string) => async (): Promise<void> => {
          await rm(p, { force: true })
          spawnSync('sync') // earlier runs' dirty pages are not flushed on this run's clock
        }
        const a: Cmd = { cmd: process.execPath, args: [ctx.cli, 'pack', pack.folder, '-o', ours], setup: fresh(ours) }
        const b: Cmd = kind === 'zip' ? { cmd: 'zip', args: ['-qr', theirs, '.'], cwd: pack.folder, setup: fresh(theirs) } : { cmd: 'tar', args: ['czf', theirs, '.'], cwd: pack.folder, setup: fresh(theirs) }
        ctx.log(`pack the ${shape} pack as ${kind}: vouch against ${b.cmd}, ${runs} pairs…`)
        const p = await measurePair(runs, a, b)
        const check = spawnSync(process.execPath, [ctx.cli, 'verify', ours, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
        if (check.status !== 0) throw new Error(`the archive vouch pack wrote does not verify: ${ours}`)
        const size = (f: string): number => Number(spawnSync('stat', ['-c', '%s', f], { encoding: 'utf8' }).stdout)
        const ref = kind === 'zip' ? 'zip -qr x.zip .' : 'tar czf x.tar.gz .'
        rows.push(
          { label: `vouch pack <${shape} pack> -o x.${kind}`, wallMs: p.a.wallMs, cpuMs: p.a.cpuMs, peakRssMb: p.a.peakRssMb, ratio: ratioText(p, runs), detail: `${pack.payloadFiles} files, ${shape === 'weights' ? gib(pack.payloadBytes) : mib(pack.payloadBytes)} -> ${mib(size(ours))}` },
          { label: `  ${ref}`, wallMs: p.b.wallMs, cpuMs: p.b.cpuMs, peakRssMb: p.b.peakRssMb, ratio: '1.00x', detail: `-> ${mib(size(theirs))}` }
        )
        targets.push({ name: `${shape} pack, ${kind}: <= ${TARGETS[shape]}x ${ref.split(' ').slice(0, 2).join(' ')}`, pass: p.ratio.median <= TARGETS[shape], detail: ratioText(p, runs) })
        await rm(ours, { force: true })
        await rm(theirs, { force: true })
      }
    }
    return {
      rows,
      targets,
      notes: ['vouch pack verifies the folder first and fsyncs the archive; zip and tar do neither', 'both write beside each other in pack-out, in the bench folder; `sync` (untimed) before every run']
    }
  }
}
