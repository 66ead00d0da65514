/**
 * `vouch push <pack> <registry>/<repo>[:tag] [--subject <digest>]`: the pack as an OCI artifact,
 * its sign-offs as referrers of it (docs/registry.md). Prints the manifest digest.
 */
import { rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import { flagBool, flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type Command } from '../command'
import { PackReadError } from '../../core/io/reader'
import { PushRefused, pushPack, type PushResult } from '../../core/registry/push-node'
import { checkDigest, formatReference, RefSyntaxError } from '../../core/registry/reference'
import { assessReports } from '../../core/assess'
import { formatAssessmentText } from '../format/assessment-text'
import { safeText } from '../format/findings'
import { makeStyle } from '../format/style'
import { formatBytes } from '../format/units'
import { commandWorkFolder, failureOf, JSON_FLAG, openClient, parseRef, printJson, REGISTRY_NOTES, removeOnSignal, TRANSPORT_FLAGS } from './registry-common'

export const PUSH_JSON_SCHEMA = 'vouch.push-result/v1'

const spec: CommandSpec = {
  name: 'push',
  synopsis: '<pack> <registry>/<repository>[:<tag>] [--subject <digest>] [--allow-failed] [--json]',
  description:
    'Push a pack to an OCI registry: one artifact whose layer is the pack without signoffs/, and every\n' +
    'sign-off as its own referrer of it. With --subject, the pack becomes a referrer of that artifact\n' +
    '(a model or an image in the same repository). The pack must verify first; nothing is uploaded otherwise.',
  positionals: ['pack', 'reference'],
  flags: [
    { name: 'subject', kind: 'string', placeholder: '<digest>', description: 'sha256:<hex> (or <registry>/<repo>@sha256:<hex>, same repository) of the artifact the pack vouches for' },
    { name: 'allow-failed', kind: 'boolean', description: 'push even if the pack does not verify' },
    JSON_FLAG,
    ...TRANSPORT_FLAGS
  ],
  examples: [
    'vouch push release.zip registry.example.com/models/credit-default:pack-1.1.0 --subject sha256:3b9c…',
    'vouch push ./pack 127.0.0.1:5000/packs/demo:1.0.0 --plain-http --json'
  ],
  notes: `${REGISTRY_NOTES}\nexit codes: 0 pushed, 1 the pack does not verify (nothing uploaded), 2 usage error, 3 pack unreadable or registry failure, 4 could not complete`
}

export const push: Command = async (argv, io) => {
  const args = parseArgs(spec, argv)
  if (args.help) {
    io.out(helpText(spec))
    return EXIT.ok
  }
  const json = flagBool(args, 'json')
  const location = resolve(io.cwd, args.positionals[0] as string)
  const ref = parseRef(args.positionals[1] as string, 'reference')
  if (ref.digest) throw new UsageError('push to a tag or to the repository, not to a digest (the digest is computed)')
  const subject = subjectDigest(flagString(args, 'subject'), ref)
  const style = makeStyle(io)
  const target = formatReference({ registry: ref.registry, repository: ref.repository, ...(ref.tag ? { tag: ref.tag } : {}) })
  const fail = (exit: 1 | 3 | 4, code: string, message: string): 1 | 3 | 4 => {
    if (json) printJson(io, { schema: PUSH_JSON_SCHEMA, ok: false, reference: target, error: { code, message } })
    io.err(`vouch push: ${safeText(message)} [${code}]\n`)
    return exit
  }

  const { client, transport } = await openClient(io, args, ref)
  const work = await commandWorkFolder('vouch-push-')
  const release = removeOnSignal(() => [work])
  try {
    const r = await pushPack(client, location, { ...(ref.tag ? { tag: ref.tag } : {}), ...(subject ? { subject } : {}), allowFailed: flagBool(args, 'allow-failed'), tmpRoot: work })
    const pinned = `${ref.registry}/${ref.repository}@${r.manifest.digest}`
    if (json) printJson(io, pushJson(target, pinned, r))
    else io.out(pushText(target, pinned, r, style))
    if (r.subject && !r.subject.namedByPack) io.err(`vouch push: warning: the pack does not name ${r.subject.digest} (${safeText(r.subject.binding)}); vouch gate will not accept this pack for that artifact\n`)
    return EXIT.ok
  } catch (e) {
    if (e instanceof PushRefused) {
      if (e.report && !json) io.out(formatAssessmentText(assessReports(e.report), style))
      return fail(EXIT.failed, e.code, e.message)
    }
    if (e instanceof PackReadError) return fail(EXIT.unreadable, e.code, `cannot read ${e.path || location}: ${e.message}`)
    const f = failureOf(e)
    if (f) return fail(f.exit as 3 | 4, f.error.code, f.error.message)
    throw e
  } finally {
    transport.close()
    await rm(work, { recursive: true, force: true })
    release()
  }
}

function subjectDigest(text: string | undefined, ref: { registry: string; repository: string }): string | undefined {
  if (text === undefined) return undefined
  if (text.startsWith('sha256:')) {
    try {
      return checkDigest(text, '--subject')
    } catch (e) {
      if (e instanceof RefSyntaxError) throw new UsageError(e.message)
      throw e
    }
  }
  const s = parseRef(text, '--subject')
  if (!s.digest) throw new UsageError('--subject must be pinned by digest: sha256:<hex> or <registry>/<repo>@sha256:<hex>')
  if (s.registry !== ref.registry || s.repository !== ref.repository) {
    throw new UsageError(`--subject ${s.registry}/${s.repository} is not the repository pushed to (${ref.registry}/${ref.repository}): OCI referrers live in their subject's repository`)
  }
  return s.digest
}

function pushJson(target: string, pinned: string, r: PushResult): unknown {
  return {
    schema: PUSH_JSON_SCHEMA,
    ok: true,
    reference: target,
    pinned,
    manifest: r.manifest,
    tag: r.tag ?? null,
    pack: r.pack,
    layer: r.layer,
    subject: r.subject ?? null,
    referrers: r.referrers ?? null,
    signoffs: r.signoffs,
    skippedSignoffs: r.skippedSignoffs,
    error: null
  }
}

function pushText(target: string, pinned: string, r: PushResult, style: ReturnType<typeof makeStyle>): string {
  const lines = [`${style.green(style.bold('PUSHED'))}  ${safeText(`${r.pack.name}@${r.pack.version}`)}  ->  ${target}${r.pack.verified ? '' : style.red('  (the pack does NOT verify: pushed with --allow-failed)')}`]
  const row = (k: string, v: string): void => void lines.push(`  ${style.dim(k.padEnd(12))} ${v}`)
  row('manifest', r.manifest.digest)
  row('pinned', pinned)
  row('pack digest', `sha256:${r.pack.digest}`)
  row('layer', `${r.layer.digest} (${formatBytes(r.layer.size)}, ${r.layer.uploaded ? 'uploaded' : 'already in the registry'})`)
  if (r.subject) row('subject', `${r.subject.digest} (${r.subject.namedByPack ? 'named by the pack' : `${style.yellow('NOT named by the pack')}: ${safeText(r.subject.binding)}`})`)
  const added = r.signoffs.filter((s) => s.added).length
  row('sign-offs', `${r.signoffs.length} in the registry for this pack from this push (${added} new)${r.skippedSignoffs.length ? `, ${r.skippedSignoffs.length} not pushed` : ''}`)
  for (const s of r.signoffs) lines.push(`    ${safeText(`${s.signedAt}  ${s.role} ${s.decision} by ${s.signer}`)}  ${style.dim(s.manifestDigest)}${s.added ? '' : style.dim(' (already there)')}`)
  for (const s of r.skippedSignoffs) lines.push(`    ${style.yellow('not pushed')} ${safeText(`${s.path}: ${s.reason}`)}`)
  if (r.referrers) row('referrers', r.referrers === 'tag-schema' ? 'referrers tag schema (the registry has no referrers API)' : 'referrers API')
  return `${lines.join('\n')}\n${r.manifest.digest}\n`
}
