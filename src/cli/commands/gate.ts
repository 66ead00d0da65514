/**
 * `vouch gate <ref> --trust <file> [--require-approval] [--require-reproducible] [--against <ref>]`:
 * "no pack, no deploy" for a pipeline or an admission controller. Exit 0 only when a pack for
 * exactly that digest is bound to it and its assessment (the one `vouch verify` prints) passes;
 * statuses, `--json` and exit codes: docs/registry.md "vouch gate", docs/cli.md.
 */
import { rm } from 'node:fs/promises'
import { flagBool, flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type Command } from '../command'
import { statusInfo } from '../../core/assess'
import { GATE_REQUIREMENTS, type GateRequirement, type GateRequirements } from '../../core/registry/gate-assessment'
import { gate as runGate, PreviousReleaseError, pullPrevious, type GatePack, type GateResult, type PulledPrevious } from '../../core/registry/gate-node'
import { gateStatusInfo, isOwnStatus, type GateStatus } from '../../core/registry/gate-status'
import { formatReference, manifestReference, type ImageRef } from '../../core/registry/reference'
import { assessmentRows, formatRows } from '../format/assessment-text'
import { safeText } from '../format/findings'
import { makeStyle, type Style } from '../format/style'
import { loadTrustFile } from './signoff'
import { commandWorkFolder, failureOf, JSON_FLAG, openClient, parseRef, printJson, REGISTRY_NOTES, removeOnSignal, TRANSPORT_FLAGS, type Opened } from './registry-common'

export const GATE_JSON_SCHEMA = 'vouch.gate-result/v2'

const spec: CommandSpec = {
  name: 'gate',
  synopsis: '<registry>/<repository>(:<tag>|@<digest>) --trust <file> [--require-approval] [--require-reproducible] [--against <previous ref>] [--json]',
  description:
    'Deploy gate: pass only when a pack for exactly this digest verifies and its assessment (the one\n' +
    '`vouch verify` gives) passes with the requirements asked for. The reference may be a model (or any\n' +
    'artifact): the packs referring to it are pulled, and only a pack whose own data/pack.json names\n' +
    'that digest counts. A trusted rejection in any of them blocks.',
  positionals: ['reference'],
  flags: [
    { name: 'trust', kind: 'string', placeholder: '<file>', description: 'trust file (allowed signers and roles); required' },
    { name: 'require-approval', kind: 'boolean', description: 'the pack must be approved by trusted keys in every required role (else NOT APPROVED)' },
    { name: 'require-reproducible', kind: 'boolean', description: "every claim of the pack must be recomputed from its predictions and reproduce (as vouch verify --require-reproducible)" },
    { name: 'against', kind: 'string', placeholder: '<ref>', description: 'the previous release in a registry (a pack, or the one pack of an artifact): adds the release gate, as vouch verify --against does' },
    JSON_FLAG,
    ...TRANSPORT_FLAGS
  ],
  examples: [
    'vouch gate registry.example.com/models/credit-default@sha256:3b9c… --trust trust.txt --require-approval',
    'vouch gate registry.example.com/models/credit-default@sha256:3b9c… --trust trust.txt --require-approval --against registry.example.com/models/credit-default@sha256:77aa…'
  ],
  notes: `${REGISTRY_NOTES}\nexit codes: 0 pass, 1 blocked (no pack, unbound, failed, rejected, not approved, a requirement unavailable), 2 usage error, 3 could not decide (registry failure, or the previous release unreadable)`
}

function requirementsOf(args: ReturnType<typeof parseArgs>): GateRequirement[] {
  return GATE_REQUIREMENTS.filter((k) => flagBool(args, `require-${k}`))
}

export const gate: Command = async (argv, io) => {
  const args = parseArgs(spec, argv)
  if (args.help) {
    io.out(helpText(spec))
    return EXIT.ok
  }
  const trustPath = flagString(args, 'trust')
  if (!trustPath) throw new UsageError('--trust <file> is required (who may sign, in which roles)')
  const trust = await loadTrustFile(io.cwd, trustPath)
  const ref = parseRef(args.positionals[0] as string, 'reference')
  if (ref.digest === undefined && ref.tag === undefined) throw new UsageError('name a tag or, better for a deploy gate, a digest: <registry>/<repository>@sha256:<hex>')
  const againstText = flagString(args, 'against')
  const againstRef = againstText !== undefined ? parseRef(againstText, '--against') : undefined
  if (againstRef && againstRef.digest === undefined && againstRef.tag === undefined) throw new UsageError('--against: name the previous release by digest (or tag): <registry>/<repository>@sha256:<hex>')
  const json = flagBool(args, 'json')
  const refText = formatReference(ref)
  const style = makeStyle(io)
  const required = requirementsOf(args)
  const requirements = Object.fromEntries(GATE_REQUIREMENTS.map((k) => [k, required.includes(k)]))

  const opened: Opened[] = []
  const work = await commandWorkFolder('vouch-gate-')
  const release = removeOnSignal(() => [work])
  // Could not decide (exit 3): the registry failed, or the previous release cannot be read.
  const undecided = (which: 'reference' | 'previous', code: string, message: string): 3 => {
    if (json) printJson(io, { schema: GATE_JSON_SCHEMA, ok: false, status: 'unreadable', exitCode: EXIT.unreadable, decision: 'undecided', reference: refText, reason: message, digest: null, kind: null, requirements, against: null, decidingPack: null, assessment: null, packs: [], ignored: [], error: { which, code, message } })
    io.err(`vouch gate: could not decide: ${which === 'previous' ? 'the previous release: ' : ''}${safeText(message)} [${code}]; treat as blocked\n`)
    return EXIT.unreadable
  }
  try {
    const main = await openClient(io, args, ref)
    opened.push(main)
    let previous: PulledPrevious | undefined
    if (againstRef) {
      const sameRepo = againstRef.registry === ref.registry && againstRef.repository === ref.repository
      const c = sameRepo ? main : await openClient(io, args, againstRef)
      if (!sameRepo) opened.push(c)
      previous = await pullPrevious(c.client, manifestReference(againstRef), repositoryOf(againstRef), work)
    }
    const req: GateRequirements = { trust, required, ...(previous ? { previous } : {}) }
    const r = await runGate(main.client, manifestReference(ref), req, { tmpRoot: work, repositoryRef: repositoryOf(ref) })
    if (json) printJson(io, gateJson(refText, requirements, previous, r))
    else io.out(gateText(refText, r, previous, style))
    return r.exitCode
  } catch (e) {
    if (e instanceof PreviousReleaseError) {
      if (e.code === 'several-packs') throw new UsageError(`--against: ${e.message}: ${e.candidates.join(', ')}`)
      return undecided('previous', e.code, e.message)
    }
    const f = failureOf(e)
    if (!f) throw e
    return undecided('reference', f.error.code, f.error.message)
  } finally {
    for (const o of opened) o.transport.close()
    await rm(work, { recursive: true, force: true })
    release()
  }
}

function repositoryOf(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}`
}

function gateJson(refText: string, requirements: Record<string, boolean>, previous: PulledPrevious | undefined, r: GateResult): unknown {
  const deciding = r.decidingPack !== null ? (r.packs[r.decidingPack] as GatePack) : undefined
  return {
    schema: GATE_JSON_SCHEMA,
    ok: r.ok,
    status: r.status,
    exitCode: r.exitCode,
    decision: r.decision,
    reference: refText,
    reason: r.reason,
    digest: r.digest,
    kind: r.kind,
    requirements,
    against: previous ? { reference: previous.location, pack: previous.pack } : null,
    decidingPack: r.decidingPack,
    assessment: deciding?.assessment ?? null,
    packs: r.packs.map((p) => ({
      manifest: p.manifestDigest,
      pinned: p.pinned,
      pack: p.pack,
      status: p.status,
      ok: p.passes,
      exitCode: p.exitCode,
      reasons: p.reasons,
      binding: p.binding,
      unavailable: p.unavailable,
      assessment: p.assessment,
      signoffsEmbedded: p.signoffsEmbedded,
      signoffsNotEmbedded: p.signoffsNotEmbedded,
      fault: p.fault
    })),
    ignored: r.ignored,
    error: null
  }
}

const DECISION: Record<GateResult['decision'], string> = { pass: 'PASS', blocked: 'BLOCKED', undecided: 'UNDECIDED' }

function words(s: GateStatus, style: Style): string {
  const w = style.bold(gateStatusInfo(s).cli)
  if (isOwnStatus(s)) return s === 'unreadable' ? style.yellow(w) : style.red(w)
  const tone = statusInfo(s).tone
  return tone === 'ok' ? style.green(w) : tone === 'warn' ? style.yellow(w) : style.red(w)
}

/** Every string from the registry or a pack goes through safeText (assessmentRows does so for the assessment). */
function gateText(refText: string, r: GateResult, previous: PulledPrevious | undefined, style: Style): string {
  const head = r.decision === 'pass' ? style.green(style.bold(DECISION.pass)) : r.decision === 'undecided' ? style.yellow(style.bold(DECISION.undecided)) : style.red(style.bold(DECISION.blocked))
  // A tag is resolved once; the digest is what was assessed (deploy that).
  const lines = [`${head}  ${refText}${refText.includes('@') ? '' : `  (${r.digest})`}`, `  ${safeText(r.reason)}`]
  if (previous) lines.push(`  ${style.dim('against')}  ${safeText(`${previous.pack.name ?? '?'}@${previous.pack.version ?? '?'}`)}  ${previous.location}`)
  if (r.packs.length > 0) lines.push(`  ${style.dim(`${r.kind === 'artifact' ? 'packs referring to it' : 'pack'}:`)}`)
  r.packs.forEach((p, i) => lines.push(...packLines(p, i === r.decidingPack, style)))
  for (const i of r.ignored) lines.push(`    ${style.dim('ignored')} ${i.digest}: ${safeText(i.reason)}`)
  if (r.decision === 'undecided') lines.push('  A registry failure hid a pack: treat as blocked and retry.')
  return `${lines.join('\n')}\n`
}

function packLines(p: GatePack, deciding: boolean, style: Style): string[] {
  const name = p.pack?.name ? safeText(`${p.pack.name} ${p.pack.version ?? '?'}`) : '(no pack read)'
  const out = [`    ${words(p.status, style)}  ${name}  ${style.dim(p.pinned)}${deciding ? style.dim('  (decides)') : ''}`]
  const rows: [string, string][] = []
  if (p.pack?.digest) rows.push(['pack digest', `sha256:${p.pack.digest}`])
  if (p.binding) rows.push(['binding', `${p.binding.bound ? 'bound' : style.red('NOT BOUND')}: ${safeText(p.binding.detail)}`])
  const own = p.assessment === null || isOwnStatus(p.status) ? p.reasons.filter((x) => !p.assessment?.reasons.includes(x)) : []
  own.forEach((x, n) => rows.push([n === 0 ? 'gate' : '', safeText(x)]))
  if (p.assessment) rows.push(...assessmentRows(p.assessment, style, { summaryOnly: true }))
  if (p.signoffsNotEmbedded.length > 0) {
    rows.push(['not embedded', `${p.signoffsNotEmbedded.length} sign-off referrer(s)`])
    for (const s of p.signoffsNotEmbedded) rows.push(['', `${s.status} ${s.manifestDigest}: ${safeText(s.problem ?? '')}`])
  }
  if (rows.length > 0) out.push(formatRows(rows, style, '      '))
  return out
}
