/**
 * `vouch gate <ref> --trust <file> [--require-approval] [--require-reproducible]`: "no pack, no
 * deploy" for a pipeline or an admission controller. Exit 0 only when a pack for exactly that
 * digest verifies and meets the requirements (docs/registry.md "vouch gate").
 */
import { rm } from 'node:fs/promises'
import { flagBool, flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type Command } from '../command'
import { gate as runGate, type GatePack, type GateResult } from '../../core/registry/gate-node'
import { formatReference, manifestReference } from '../../core/registry/reference'
import { safeText } from '../format/findings'
import { makeStyle } from '../format/style'
import { loadTrustFile } from './signoff'
import { commandWorkFolder, failureOf, JSON_FLAG, openClient, parseRef, printJson, REGISTRY_NOTES, removeOnSignal, TRANSPORT_FLAGS } from './registry-common'

export const GATE_JSON_SCHEMA = 'vouch.gate-result/v1'

const spec: CommandSpec = {
  name: 'gate',
  synopsis: '<registry>/<repository>(:<tag>|@<digest>) --trust <file> [--require-approval] [--require-reproducible] [--json]',
  description:
    'Deploy gate: pass only when a pack for exactly this digest verifies and meets the requirements.\n' +
    'The reference may be a model (or any artifact): the packs referring to it are pulled, and only a pack\n' +
    'whose own data/pack.json names that digest counts. A trusted rejection in any of them blocks.',
  positionals: ['reference'],
  flags: [
    { name: 'trust', kind: 'string', placeholder: '<file>', description: 'trust file (allowed signers and roles); required' },
    { name: 'require-approval', kind: 'boolean', description: 'the pack must be Approved (every required role, trusted keys)' },
    { name: 'require-reproducible', kind: 'boolean', description: 'the pack\'s claims must be recomputed from its predictions (not yet available: blocks)' },
    JSON_FLAG,
    ...TRANSPORT_FLAGS
  ],
  examples: ['vouch gate registry.example.com/models/credit-default@sha256:3b9c… --trust trust.txt --require-approval'],
  notes: `${REGISTRY_NOTES}\nexit codes: 0 pass, 1 blocked (no pack, not bound, tampered, not approved, rejected), 2 usage error, 3 could not decide (registry failure)`
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
  const json = flagBool(args, 'json')
  const refText = formatReference(ref)
  const style = makeStyle(io)
  const req = { trust, requireApproval: flagBool(args, 'require-approval'), requireReproducible: flagBool(args, 'require-reproducible') }

  const { client, transport } = await openClient(io, args, ref)
  const work = await commandWorkFolder('vouch-gate-')
  const release = removeOnSignal(() => [work])
  try {
    const r = await runGate(client, manifestReference(ref), req, { tmpRoot: work })
    if (json) printJson(io, gateJson(refText, req, r))
    else io.out(gateText(refText, r, style))
    return r.decision === 'pass' ? EXIT.ok : r.decision === 'undecided' ? EXIT.unreadable : EXIT.failed
  } catch (e) {
    const f = failureOf(e)
    if (!f) throw e
    if (json) printJson(io, { schema: GATE_JSON_SCHEMA, ok: false, decision: 'undecided', reference: refText, reason: f.error.message, digest: null, kind: null, requirements: reqJson(req), packs: [], ignored: [], error: f.error })
    io.err(`vouch gate: could not decide: ${f.error.message} [${f.error.code}]; treat as blocked\n`)
    return EXIT.unreadable
  } finally {
    transport.close()
    await rm(work, { recursive: true, force: true })
    release()
  }
}

function reqJson(req: { requireApproval: boolean; requireReproducible: boolean }): unknown {
  return { approval: req.requireApproval, reproducible: req.requireReproducible }
}

function gateJson(refText: string, req: { requireApproval: boolean; requireReproducible: boolean }, r: GateResult): unknown {
  return {
    schema: GATE_JSON_SCHEMA,
    ok: r.ok,
    decision: r.decision,
    reference: refText,
    reason: r.reason,
    digest: r.digest,
    kind: r.kind,
    requirements: reqJson(req),
    packs: r.packs.map((p) => ({
      manifest: p.manifestDigest,
      pack: p.pack ? { name: p.pack.name ?? null, version: p.pack.version ?? null, digest: p.pack.digest ?? null } : null,
      status: p.status,
      ok: p.ok,
      reasons: p.reasons,
      binding: p.binding ?? null,
      approval: p.verdict ? { status: p.verdict.signoffs.status, approved: p.verdict.signoffs.approved, roles: p.verdict.signoffs.roles } : null,
      findings: p.verdict ? [...p.verdict.report.findings, ...p.verdict.signoffs.findings].filter((f) => f.severity !== 'info') : [],
      signoffsEmbedded: p.signoffsEmbedded ?? null,
      signoffsNotEmbedded: p.signoffsNotEmbedded ?? [],
      fault: p.fault ?? null
    })),
    ignored: r.ignored,
    error: null
  }
}

const WORD: Record<GateResult['decision'], string> = { pass: 'PASS', blocked: 'BLOCKED', undecided: 'UNDECIDED' }

function gateText(refText: string, r: GateResult, style: ReturnType<typeof makeStyle>): string {
  const word = r.decision === 'pass' ? style.green(style.bold(WORD[r.decision])) : style.red(style.bold(WORD[r.decision]))
  const lines = [`${word}  ${refText}  (${r.digest})`, `  ${safeText(r.reason)}`]
  if (r.packs.length > 0) lines.push(`  ${style.dim(`${r.kind === 'artifact' ? 'packs referring to it' : 'pack'}:`)}`)
  for (const p of r.packs) lines.push(packLine(p, style))
  for (const i of r.ignored) lines.push(`    ${style.dim('ignored')} ${i.digest}: ${safeText(i.reason)}`)
  if (r.decision === 'undecided') lines.push('  A registry failure hid a pack: treat as blocked and retry.')
  return `${lines.join('\n')}\n`
}

function packLine(p: GatePack, style: ReturnType<typeof makeStyle>): string {
  const name = p.pack?.name ? `${p.pack.name}@${p.pack.version ?? '?'}` : '(unreadable)'
  const status = p.ok ? style.green(p.status) : style.red(p.status)
  return [`    ${status}  ${name}  ${style.dim(p.manifestDigest)}`, ...p.reasons.map((r) => `      ${safeText(r)}`)].join('\n')
}
