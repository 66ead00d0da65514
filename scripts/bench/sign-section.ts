/**
 * The sign section: `vouch sign x.zip` (and x.tar.gz) of the weights-heavy pack, 1 GB, against
 * what the target is defined by: the archive's own `vouch verify` plus a `cp` of it, run as one
 * shell command. Every signing run starts from the pristine archive (restored untimed, then
 * `sync`, so no earlier write is flushed on the measured run's clock).
 *
 * Both sides also start with the same memory at hand: 1 GB of page cache freed just before the
 * timed command (the reference's previous copy, removed as before; for sign, a spare copy). Each
 * writes 1 GB of new file, and on a VM that hands freed memory back to its host (virtio-balloon free
 * page reporting, as on this project's machines) memory freed a few seconds earlier costs several
 * times more to fill: `cp` of the 1 GB zip took 1.75-1.88 s after its target's memory had been freed
 * for 6 s, 0.25 s right after (2026-12-01). Without the spare, sign wrote into memory freed at the
 * previous run's rename while cp wrote into memory freed a moment before, and the ratio measured that.
 * The spare's page cache is dropped (GNU dd iflag=nocache), not the file removed: see setup.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { measurePair, ratioText, type Cmd } from './measure'
import { ensureArchive, ensureShapedPack, gib } from './packs'
import type { BenchContext, BenchSection, Row, Target } from './types'

const TARGET = 1.5
const PASSPHRASE = 'bench passphrase, not a secret'

/** A signing key and filled-in checklist answers in <bench folder>/sign (made once with the CLI). */
async function signer(ctx: BenchContext): Promise<{ key: string; answers: string }> {
  const dir = join(ctx.dir, 'sign')
  const key = join(dir, 'engineer.key')
  const answers = join(dir, 'answers.json')
  await mkdir(dir, { recursive: true })
  const env = { ...process.env, VOUCH_PASSPHRASE: PASSPHRASE }
  if (!existsSync(key)) {
    const r = spawnSync(process.execPath, [ctx.cli, 'key', 'new', '--name', 'bench.signer', '--role', 'engineer', '--out', key], { env, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`vouch key new: ${r.stderr}`)
  }
  if (!existsSync(answers)) {
    const r = spawnSync(process.execPath, [ctx.cli, 'signoff', 'checklist', '--out', answers], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`vouch signoff checklist: ${r.stderr}`)
    const a = JSON.parse(await readFile(answers, 'utf8')) as { checklist: { answer: string }[] }
    for (const item of a.checklist) item.answer = 'yes'
    await writeFile(answers, JSON.stringify(a))
  }
  return { key, answers }
}

export const signSection: BenchSection = {
  id: 'sign',
  title: 'Sign an archive: vouch sign against the archive\'s vouch verify + cp',
  run: async (ctx) => {
    const runs = ctx.args.runs
    const pack = await ensureShapedPack(ctx.dir, 'weights', ctx.log)
    const { key, answers } = await signer(ctx)
    process.env.VOUCH_PASSPHRASE = PASSPHRASE
    const rows: Row[] = []
    const targets: Target[] = []
    for (const kind of ['zip', 'tar.gz'] as const) {
      const pristine = await ensureArchive(ctx.cli, pack, kind, ctx.log)
      const work = join(ctx.dir, 'sign', `pack.${kind}`)
      const copy = join(ctx.dir, 'sign', `copy.${kind}`)
      const spare = join(ctx.dir, 'sign', `spare.${kind}`)
      const a: Cmd = {
        cmd: process.execPath,
        args: [ctx.cli, 'sign', work, '--key', key, '--decision', 'approve', '--checklist', answers],
        setup: async () => {
          await rm(work, { force: true })
          await copyFile(pristine, work)
          if (!existsSync(spare)) await copyFile(pristine, spare)
          spawnSync('sync')
          // The spare's pages are read in, then dropped: 1 GB freed without freeing disk blocks (a
          // removed file's blocks are discarded on a `discard` mount, and that I/O would meet sign's fsync).
          spawnSync('sh', ['-c', `cat "${spare}" >/dev/null && dd if="${spare}" iflag=nocache count=0 status=none`])
        }
      }
      const b: Cmd = {
        cmd: 'sh',
        args: ['-c', `"${process.execPath}" "${ctx.cli}" verify "${work}" --json >/dev/null && cp "${work}" "${copy}"`],
        setup: async () => {
          if (!existsSync(work)) await copyFile(pristine, work)
          if (!existsSync(copy)) await copyFile(pristine, copy) // the first run frees 1 GB too
          spawnSync('sync')
          await rm(copy)
        }
      }
      ctx.log(`sign the weights pack as ${kind}: vouch sign against verify + cp, ${runs} pairs…`)
      const p = await measurePair(runs, a, b)
      const v = spawnSync(process.execPath, [ctx.cli, 'verify', work, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      const signed = JSON.parse(v.stdout) as { ok: boolean; signoffs?: unknown[] }
      if (!signed.ok) throw new Error(`the signed ${kind} does not verify`)
      rows.push(
        { label: `vouch sign <weights pack.${kind}>`, wallMs: p.a.wallMs, cpuMs: p.a.cpuMs, peakRssMb: p.a.peakRssMb, ratio: ratioText(p, runs), detail: `${gib(pack.payloadBytes)}; key decryption (scrypt) included` },
        { label: `  vouch verify x.${kind} && cp x.${kind} y.${kind}`, wallMs: p.b.wallMs, cpuMs: p.b.cpuMs, peakRssMb: p.b.peakRssMb, ratio: '1.00x' }
      )
      targets.push({ name: `sign ${kind} <= ${TARGET}x (verify + cp)`, pass: p.ratio.median <= TARGET, detail: ratioText(p, runs) })
      if (kind === 'zip') {
        // The same reference with its copy made durable (fsync), as vouch sign makes its own before the rename.
        ctx.log(`sign the weights pack as zip: against verify + cp + sync, ${runs} pairs…`)
        const durable: Cmd = { ...b, args: ['-c', `${b.args[1] as string} && sync "${copy}"`] }
        const d = await measurePair(runs, a, durable)
        rows.push({ label: `  vouch verify x.zip && cp x.zip y.zip && sync y.zip`, wallMs: d.b.wallMs, cpuMs: d.b.cpuMs, peakRssMb: d.b.peakRssMb, ratio: '1.00x', detail: `vouch sign against it: ${ratioText(d, runs)}` })
      }
      await rm(work, { force: true })
      await rm(copy, { force: true })
      await rm(spare, { force: true })
    }
    return {
      rows,
      targets,
      notes: [
        'vouch sign copies the archive with the kernel (copy_file_range; a reflink where the file system has them), appends, fsyncs while it verifies the copy in full, then renames',
        'both sides start with 1 GB of page cache freed just before the timed command (the reference\'s previous copy; a spare copy\'s page cache, dropped, for sign): memory this VM handed back to its host costs several times more to fill again',
        `file system of the bench folder: ${spawnSync('stat', ['-f', '-c', '%T', ctx.dir], { encoding: 'utf8' }).stdout.trim()}`
      ]
    }
  }
}
