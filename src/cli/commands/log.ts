/**
 * `vouch log <ref> [--pack <local pack>]`: the sign-off history the registry holds for a pack, in
 * signing-time order; with a local copy, what each side has that the other lacks (a sign-off removed
 * from a pulled zip shows here, and makes the exit code 1).
 */
import { createHash } from 'node:crypto'
import { resolve } from 'node:path'
import { flagBool, flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type Command } from '../command'
import { PackReadError } from '../../core/io/reader'
import { buildLog, type LocalEnvelope, type LogEntry } from '../../core/registry/log'
import { resolvePacks } from '../../core/registry/pull-node'
import { formatReference, manifestReference } from '../../core/registry/reference'
import { fetchRegistrySignoffs } from '../../core/registry/signoffs-node'
import { verifyPack } from '../../core/verify/verify'
import { safeText } from '../format/findings'
import { makeStyle } from '../format/style'
import { failureOf, JSON_FLAG, openClient, parseRef, printJson, REGISTRY_NOTES, severalPacks, TRANSPORT_FLAGS } from './registry-common'

export const LOG_JSON_SCHEMA = 'vouch.log-result/v1'

const spec: CommandSpec = {
  name: 'log',
  synopsis: '<registry>/<repository>(:<tag>|@<digest>) [--pack <local pack>] [--json]',
  description:
    'The sign-off history a registry holds for a pack, oldest first, each envelope checked. With --pack,\n' +
    'compare with a local copy: sign-offs the registry has that the copy lacks (removed?), and the reverse.',
  positionals: ['reference'],
  flags: [{ name: 'pack', kind: 'string', placeholder: '<pack>', description: 'a local copy of the same pack (folder, .zip, .tar, .tar.gz) to compare with' }, JSON_FLAG, ...TRANSPORT_FLAGS],
  examples: ['vouch log registry.example.com/models/credit-default:pack-1.1.0', 'vouch log 127.0.0.1:5000/packs/demo:1.0.0 --pack demo.zip --plain-http'],
  notes: `${REGISTRY_NOTES}\nexit codes: 0 listed (and, with --pack, both sides hold the same sign-offs), 1 with --pack: they differ, or the local pack is another pack, 2 usage error, 3 registry failure or local pack unreadable`
}

const dec = new TextEncoder()

export const log: Command = async (argv, io) => {
  const args = parseArgs(spec, argv)
  if (args.help) {
    io.out(helpText(spec))
    return EXIT.ok
  }
  const ref = parseRef(args.positionals[0] as string, 'reference')
  if (ref.digest === undefined && ref.tag === undefined) throw new UsageError('name a tag or a digest')
  const json = flagBool(args, 'json')
  const refText = formatReference(ref)
  const style = makeStyle(io)
  const packArg = flagString(args, 'pack')
  const fail = (exit: 1 | 3, code: string, message: string): 1 | 3 => {
    if (json) printJson(io, { schema: LOG_JSON_SCHEMA, ok: false, reference: refText, error: { code, message } })
    io.err(`vouch log: ${safeText(message)} [${code}]\n`)
    return exit
  }

  let local: { location: string; digest?: string; envelopes: LocalEnvelope[] } | undefined
  if (packArg) {
    const location = resolve(io.cwd, packArg)
    try {
      const report = await verifyPack(location)
      local = {
        location,
        ...(report.pack.digest ? { digest: report.pack.digest } : {}),
        envelopes: report.signoffs.map((s) => ({ path: s.path, digest: `sha256:${createHash('sha256').update(dec.encode(s.text)).digest('hex')}` }))
      }
    } catch (e) {
      if (e instanceof PackReadError) return fail(EXIT.unreadable, e.code, `cannot read ${e.path || location}: ${e.message}`)
      throw e
    }
  }

  const { client, transport } = await openClient(io, args, ref)
  try {
    const r = await resolvePacks(client, manifestReference(ref))
    if (r.packs.length !== 1) {
      if (r.packs.length === 0) return fail(EXIT.unreadable, 'no-pack', `no Vouch pack at or referring to ${refText}`)
      return severalPacks(io, 'log', r.packs, ref, refText)
    }
    const art = r.packs[0]!
    if (local && art.claimedPackDigest !== undefined && local.digest !== art.claimedPackDigest) {
      return fail(EXIT.failed, 'other-pack', `${local.location} is another pack (digest ${local.digest ?? 'unknown'}) than the one at ${refText} (sha256:${art.claimedPackDigest})`)
    }
    const s = await fetchRegistrySignoffs(client, art.manifestDigest, local?.digest ?? art.claimedPackDigest)
    const result = buildLog(s.signoffs, local?.envelopes)
    const differs = local !== undefined && (result.missingLocally.length > 0 || result.missingInRegistry.length > 0)
    const name = `${art.annotations['dev.vouch.pack.name'] ?? '?'}@${art.annotations['dev.vouch.pack.version'] ?? '?'}`
    if (json) {
      printJson(io, {
        schema: LOG_JSON_SCHEMA,
        ok: !differs,
        reference: refText,
        manifest: art.manifestDigest,
        pack: { name: art.annotations['dev.vouch.pack.name'] ?? null, version: art.annotations['dev.vouch.pack.version'] ?? null, digest: art.claimedPackDigest ?? null },
        referrers: s.via,
        entries: result.entries,
        local: local ? { location: local.location, missingLocally: result.missingLocally.map((e) => e.manifestDigest), missingInRegistry: result.missingInRegistry } : null,
        error: null
      })
    } else {
      const lines = [`Sign-off history of ${safeText(name)} (pack sha256:${art.claimedPackDigest ?? '?'}) at ${refText}`, `  manifest ${art.manifestDigest}; ${s.signoffs.length} sign-off referrer(s) via ${s.via}`]
      for (const e of result.entries) lines.push(entryLine(e, style, local !== undefined))
      if (s.warning) lines.push(`  ${style.yellow('warning')} ${safeText(s.warning)}`)
      if (local) {
        if (!differs) lines.push(`${style.green('SAME')}  ${safeText(local.location)} holds exactly the registry's valid sign-offs`)
        for (const e of result.missingLocally) lines.push(`${style.red('MISSING LOCALLY')}  ${safeText(`${e.signedAt ?? '?'} ${e.role ?? '?'} ${e.decision ?? '?'} by ${e.signer ?? '?'}`)}: in the registry (${e.manifestDigest}), not in ${safeText(local.location)}: removed from the copy, or never pulled`)
        for (const l of result.missingInRegistry) lines.push(`${style.yellow('NOT IN REGISTRY')}  ${safeText(l.path)} (${l.digest}): in the local pack, never pushed (vouch push, or vouch sign --push)`)
      }
      io.out(`${lines.join('\n')}\n`)
    }
    return differs ? EXIT.failed : EXIT.ok
  } catch (e) {
    const f = failureOf(e)
    if (f) return fail(EXIT.unreadable, f.error.code, f.error.message)
    throw e
  } finally {
    transport.close()
  }
}

function entryLine(e: LogEntry, style: ReturnType<typeof makeStyle>, withLocal: boolean): string {
  const status = e.status === 'valid' ? (e.superseded ? style.dim('superseded') : style.green('valid')) : style.red(e.status)
  const who = e.signedAt ? `${safeText(`${e.signedAt}  ${e.role ?? '?'} ${e.decision ?? '?'} by ${e.signer ?? '?'}`)} (${e.fingerprint?.slice(0, 20)}…)` : '(no verified content)'
  const where = withLocal && e.status === 'valid' ? (e.inLocalPack ? '  [in local pack]' : `  ${style.red('[not in local pack]')}`) : ''
  return `  ${who}  ${status}${where}${e.problem ? `  ${safeText(e.problem)}` : ''}\n      ${style.dim(`manifest ${e.manifestDigest}${e.envelopeDigest ? `  envelope ${e.envelopeDigest}` : ''}`)}`
}
