/**
 * `vouch pull <ref> -o <file|dir>`: fetch a pack and its sign-off referrers, check every digest,
 * embed the valid sign-offs, verify, and only then write the output (a folder, or a deterministic
 * .zip/.tar.gz/.tar). Nothing is written on any failure.
 */
import { lstat, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { flagBool, flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type Command } from '../command'
import { writeArchiveFromFolder, type ArchiveKind } from '../../core/io/archive-write'
import { tempNameFor } from '../../core/io/temp-files'
import { PackWriteError } from '../../core/io/write-error'
import { materializePack, PackContentError, resolvePacks } from '../../core/registry/pull-node'
import { formatReference, manifestReference } from '../../core/registry/reference'
import { assessReports } from '../../core/assess'
import { formatAssessmentText } from '../format/assessment-text'
import { safeText } from '../format/findings'
import { makeStyle } from '../format/style'
import { commandWorkFolder, failureOf, JSON_FLAG, openClient, parseRef, printJson, REGISTRY_NOTES, removeOnSignal, severalPacks, TRANSPORT_FLAGS } from './registry-common'

export const PULL_JSON_SCHEMA = 'vouch.pull-result/v1'

const spec: CommandSpec = {
  name: 'pull',
  synopsis: '<registry>/<repository>(:<tag>|@<digest>) -o <file.zip|file.tar.gz|file.tgz|file.tar|dir> [--force] [--allow-failed] [--json]',
  description:
    'Fetch a pack from an OCI registry with every sign-off pushed for it, check every digest while\n' +
    'streaming, embed the valid sign-offs under signoffs/, verify, then write the output. The reference\n' +
    'may also name an artifact (a model) that exactly one pack refers to.',
  positionals: ['reference'],
  flags: [
    { name: 'output', short: 'o', kind: 'string', placeholder: '<file|dir>', description: 'where to write: a .zip, .tar.gz, .tgz or .tar file, or a new folder; required' },
    { name: 'force', short: 'f', kind: 'boolean', description: 'replace an existing output file (a folder is never replaced)' },
    { name: 'allow-failed', kind: 'boolean', description: 'write the pack even if it does not verify' },
    JSON_FLAG,
    ...TRANSPORT_FLAGS
  ],
  examples: ['vouch pull registry.example.com/models/credit-default:pack-1.1.0 -o release.zip', 'vouch pull 127.0.0.1:5000/packs/demo@sha256:… -o ./demo --plain-http'],
  notes: `${REGISTRY_NOTES}\nexit codes: 0 pulled and verified, 1 the pack does not verify (nothing written), 2 usage error, 3 registry failure or bad download, 4 could not write the output`
}

function outputKind(file: string): ArchiveKind | 'folder' {
  const l = file.toLowerCase()
  if (l.endsWith('.zip')) return 'zip'
  if (l.endsWith('.tar.gz') || l.endsWith('.tgz')) return 'tar.gz'
  if (l.endsWith('.tar')) return 'tar'
  return 'folder'
}

export const pull: Command = async (argv, io) => {
  const args = parseArgs(spec, argv)
  if (args.help) {
    io.out(helpText(spec))
    return EXIT.ok
  }
  const outArg = flagString(args, 'output')
  if (!outArg) throw new UsageError('missing -o <file|dir>')
  const ref = parseRef(args.positionals[0] as string, 'reference')
  const reference = manifestReferenceOrUsage(ref)
  const json = flagBool(args, 'json')
  const out = resolve(io.cwd, outArg)
  const kind = outputKind(out)
  const style = makeStyle(io)
  const refText = formatReference(ref)
  const fail = (exit: 1 | 3 | 4, code: string, message: string, extra: Record<string, unknown> = {}): 1 | 3 | 4 => {
    if (json) printJson(io, { schema: PULL_JSON_SCHEMA, ok: false, reference: refText, ...extra, error: { code, message } })
    io.err(`vouch pull: ${safeText(message)} [${code}]\n`)
    return exit
  }
  const parent = await stat(dirname(out)).catch(() => undefined)
  if (!parent?.isDirectory()) return fail(EXIT.error, 'write-failed', `${dirname(out)} is not a folder. Nothing was written`)
  const exists = await lstat(out).then(() => true, () => false)
  if (exists && (kind === 'folder' || !flagBool(args, 'force'))) return fail(EXIT.error, 'target-exists', `${out} exists; ${kind === 'folder' ? 'pull into a new folder' : 'use --force to replace it'}. Nothing was written`)

  const { client, transport } = await openClient(io, args, ref)
  const work = await commandWorkFolder('vouch-pull-')
  const dest = kind === 'folder' ? join(dirname(out), tempNameFor(basename(out))) : join(work, 'pack')
  const release = removeOnSignal(() => [work, dest])
  try {
    const r = await resolvePacks(client, reference)
    if (r.packs.length === 0) return fail(EXIT.unreadable, 'no-pack', `no Vouch pack refers to ${refText} (${r.digest})`, { resolved: r.digest })
    if (r.packs.length > 1) return severalPacks(io, 'pull', r.packs, ref, refText)
    const art = r.packs[0]!
    const m = await materializePack(client, art, work, dest)
    const base = { reference: refText, resolved: r.digest, manifest: art.manifestDigest, pack: { name: m.report.pack.name ?? null, version: m.report.pack.version ?? null, digest: m.report.pack.digest ?? null } }
    // "Verifies" means what every surface says: the one assessment's integrity.
    const assessment = assessReports(m.report)
    const verified = assessment.integrity.status === 'verified'
    if (!verified && !flagBool(args, 'allow-failed')) {
      if (!json) io.out(formatAssessmentText(assessment, style))
      return fail(EXIT.failed, 'pack-not-verified', `the pulled pack does not verify (${assessment.integrity.status}); nothing was written (pass --allow-failed to write it anyway)`, base)
    }
    if (kind === 'folder') await rename(m.root, out)
    else await writeArchiveFromFolder(m.root, out, kind, { overwrite: flagBool(args, 'force') })
    const result = {
      schema: PULL_JSON_SCHEMA,
      ok: true,
      ...base,
      output: out,
      container: kind,
      verified,
      referrers: m.registry.via,
      signoffs: m.embedded,
      notEmbedded: m.notEmbedded.map((s) => ({ manifestDigest: s.manifestDigest, status: s.status, problem: s.problem ?? null })),
      error: null
    }
    if (json) printJson(io, result)
    else {
      const lines = [`${style.green(style.bold('PULLED'))}  ${safeText(`${m.report.pack.name}@${m.report.pack.version}`)}  ->  ${safeText(out)}${verified ? '' : style.red('  (does NOT verify: written with --allow-failed)')}`]
      if (ref.digest === undefined) lines.push(`  ${style.dim('resolved'.padEnd(12))} ${ref.tag} -> ${r.digest}`)
      if (r.kind === 'artifact') lines.push(`  ${style.dim('pack'.padEnd(12))} ${art.manifestDigest} (refers to ${r.digest})`)
      lines.push(`  ${style.dim('pack digest'.padEnd(12))} sha256:${m.report.pack.digest}`)
      lines.push(`  ${style.dim('sign-offs'.padEnd(12))} ${m.embedded.length} embedded${m.notEmbedded.length ? `, ${m.notEmbedded.length} referrer(s) not embedded` : ''}`)
      for (const s of m.notEmbedded) lines.push(`    ${style.yellow(s.status)} ${s.manifestDigest}: ${safeText(s.problem ?? '')}`)
      if (m.registry.warning) lines.push(`  ${style.yellow('warning')} ${safeText(m.registry.warning)}`)
      io.out(`${lines.join('\n')}\n`)
    }
    return EXIT.ok
  } catch (e) {
    if (e instanceof PackContentError) return fail(EXIT.failed, e.code, e.message)
    if (e instanceof PackWriteError) return fail(EXIT.error, e.code, `could not write ${out}: ${e.message}`)
    const f = failureOf(e)
    if (f) return fail(f.exit as 3 | 4, f.error.code, `${f.error.message}; nothing was written`)
    throw e
  } finally {
    transport.close()
    await rm(work, { recursive: true, force: true })
    if (kind === 'folder') await rm(dest, { recursive: true, force: true })
    release()
  }
}

function manifestReferenceOrUsage(ref: Parameters<typeof manifestReference>[0]): string {
  if (ref.digest === undefined && ref.tag === undefined) throw new UsageError('name a tag or a digest: <registry>/<repository>:<tag> or @sha256:<hex>')
  return manifestReference(ref)
}
