/**
 * The pack states of the cross-surface matrix (verdict.spec.ts), made from copies of the embedded
 * samples in a temp folder: intact, tampered, signed in every way the verdict distinguishes.
 * Sign-offs are made with the sign-off core and fixed keys (no passphrase, no scrypt: fast).
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cp, mkdir, open, readFile, readdir, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import nacl from 'tweetnacl'
import { acknowledgementFor } from '../src/core/assess/gate'
import { buildPack } from '../src/core/build/build'
import type { OverallStatus } from '../src/core/assess/status'
import type { GateSection } from '../src/core/assess/types'
import { DEFAULT_CHECKLIST } from '../src/core/signoff/checklist'
import { createSignoffEnvelope, type PackIdentity } from '../src/core/signoff/envelope'
import type { Acknowledgement, Decision } from '../src/core/signoff/statement'
import { formatTrustLine } from '../src/core/signoff/trust'
import { ROOT, SAMPLE_NEW, SAMPLE_OLD, SAMPLES_DIR } from './fixtures'

export const CLI = join(ROOT, 'out', 'cli', 'vouch.js')

export interface PackState {
  readonly label: string
  /** The pack folder (credit-default-1.1.0 in a folder of its own). */
  readonly dir: string
  /** The previous release beside it: the app finds it, the CLI is given it with --against. */
  readonly against?: string
  /** Assessed with the trust file (and approval required: the app requires it once the trust file lists a key). */
  readonly trusted: boolean
  /** The CLI is given --require-reproducible (the app never requires it: docs/verdict.md, "Same inputs"). */
  readonly requireReproducible?: boolean
  readonly expected: OverallStatus
  /** What the app shows when its inputs differ from the CLI's (default: expected). */
  readonly expectedInApp?: OverallStatus
}

interface Signer {
  readonly name: string
  readonly role: string
  readonly kp: nacl.SignKeyPair
}
const signer = (name: string, role: string, seed: number): Signer => ({ name, role, kp: nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(seed)) })
const ENG = signer('ana.eng', 'engineer', 11)
const OWNER = signer('olu.owner', 'owner', 12)
const STRANGER = signer('mallory', 'owner', 13)

export const TRUST_TEXT = `${[ENG, OWNER].map((s) => formatTrustLine(s.name, [s.role], s.kp.publicKey)).join('\n')}\n`

async function identity(dir: string): Promise<PackIdentity> {
  const info = await readFile(join(dir, 'bag-info.txt'), 'utf8')
  const label = (k: string): string => new RegExp(`^${k}: (.*)$`, 'm').exec(info)?.[1]?.trim() ?? ''
  const digest = createHash('sha256').update(await readFile(join(dir, 'tagmanifest-sha256.txt'))).digest('hex')
  return { name: label('Pack-Name'), version: label('Pack-Version'), digest }
}

async function sign(dir: string, s: Signer, opts: { at: string; decision?: Decision; pack?: PackIdentity; acknowledges?: Acknowledgement }): Promise<string> {
  const c = createSignoffEnvelope({
    pack: opts.pack ?? (await identity(dir)),
    role: s.role,
    decision: opts.decision ?? 'approve',
    checklist: DEFAULT_CHECKLIST.map((i) => ({ ...i, answer: 'yes' as const, note: '' })),
    signerName: s.name,
    secretKey: s.kp.secretKey,
    signedAt: new Date(opts.at),
    ...(opts.acknowledges ? { acknowledges: opts.acknowledges } : {})
  })
  await mkdir(join(dir, 'signoffs'), { recursive: true })
  const path = join(dir, 'signoffs', c.fileName)
  await writeFile(path, c.text)
  return path
}

/** The forgery: the signature's S raised by the group order L (libsodium and Vouch refuse it). */
async function raiseS(envelopePath: string): Promise<void> {
  const env = JSON.parse(await readFile(envelopePath, 'utf8')) as { signatures: { sig: string }[] }
  const sig = Buffer.from(env.signatures[0]?.sig ?? '', 'base64')
  const L = 2n ** 252n + 27742317777372353535851937790883648493n
  let S = 0n
  for (let i = 63; i >= 32; i--) S = (S << 8n) | BigInt(sig[i] ?? 0)
  S += L
  for (let i = 32; i < 64; i++) {
    sig[i] = Number(S & 0xffn)
    S >>= 8n
  }
  ;(env.signatures[0] as { sig: string }).sig = sig.toString('base64')
  await writeFile(envelopePath, JSON.stringify(env))
}

/** Flips one byte in the middle of the largest payload file. */
async function tamper(dir: string): Promise<void> {
  let best = { path: '', size: -1 }
  for (const e of await readdir(join(dir, 'data'), { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue
    const p = join(e.parentPath, e.name)
    const size = (await stat(p)).size
    if (size > best.size) best = { path: p, size }
  }
  const fh = await open(best.path, 'r+')
  const b = Buffer.alloc(1)
  await fh.read(b, 0, 1, Math.floor(best.size / 2))
  b[0] = (b[0] ?? 0) ^ 0xff
  await fh.write(b, 0, 1, Math.floor(best.size / 2))
  await fh.close()
}

/** The release gate as `vouch verify --against --json` reports it, for the acknowledgement to sign. */
function gateOf(dir: string, previous: string): GateSection | null {
  const run = (): string => {
    try {
      return execFileSync(process.execPath, [CLI, 'verify', dir, '--against', previous, '--json'], { encoding: 'utf8' })
    } catch (e) {
      return (e as { stdout: string }).stdout
    }
  }
  return (JSON.parse(run()) as { assessment: { gate: GateSection | null } }).assessment.gate
}

/** Edits the pack's evidence, then rebuilds it as `vouch build` does: every hash is right again. */
async function rebuilt(dir: string, edit: (dir: string) => Promise<void>): Promise<void> {
  await edit(dir)
  const b = await buildPack(dir)
  if (!b.ok) throw new Error(`rebuild refused: ${b.findings.map((f) => f.message).join('; ')}`)
}

export async function prepareStates(root: string): Promise<readonly PackState[]> {
  const states: PackState[] = []
  const make = async (label: string, trusted: boolean, expected: OverallStatus, build: (dir: string, prev: string | undefined) => Promise<void>, withPrevious = false, more: Partial<PackState> = {}): Promise<void> => {
    const folder = join(root, label.replace(/[^a-z0-9]+/g, '-'))
    const dir = join(folder, SAMPLE_NEW)
    await cp(join(SAMPLES_DIR, SAMPLE_NEW), dir, { recursive: true })
    const prev = withPrevious ? join(folder, SAMPLE_OLD) : undefined
    if (prev) await cp(join(SAMPLES_DIR, SAMPLE_OLD), prev, { recursive: true })
    await build(dir, prev)
    states.push({ label, dir, trusted, expected, ...(prev ? { against: prev } : {}), ...more })
  }
  const both = async (dir: string, acknowledges?: Acknowledgement): Promise<void> => {
    await sign(dir, ENG, { at: '2026-11-20T09:00:00Z', ...(acknowledges ? { acknowledges } : {}) })
    await sign(dir, OWNER, { at: '2026-11-21T09:00:00Z', ...(acknowledges ? { acknowledges } : {}) })
  }
  await make('verified', false, 'verified', async () => undefined)
  // Claims you can re-check (issue #12): a claim edited and the pack rebuilt; a pack without predictions when reproducibility is required.
  await make('forged claim, rebuilt', false, 'failed', (dir) =>
    rebuilt(dir, async (d) => {
      const metrics = join(d, 'data', 'evaluation', 'metrics.json')
      await writeFile(metrics, (await readFile(metrics, 'utf8')).replace('"value": 0.7958,', '"value": 0.8158,'))
    })
  )
  await make(
    'no predictions, reproducibility required',
    false,
    'not-reproducible',
    (dir) =>
      rebuilt(dir, async (d) => {
        for (const f of ['predictions.json', 'predictions-holdout.csv']) await unlink(join(d, 'data', 'evaluation', f))
      }),
    false,
    { requireReproducible: true, expectedInApp: 'verified' }
  )
  await make('tampered payload', true, 'failed', tamper)
  await make('invalid envelope', true, 'failed', async (dir) => {
    await sign(dir, OWNER, { at: '2026-11-21T09:00:00Z' })
    await raiseS(await sign(dir, ENG, { at: '2026-11-20T09:00:00Z' }))
  })
  await make('envelope from another pack', true, 'failed', async (dir) => {
    await sign(dir, OWNER, { at: '2026-11-21T09:00:00Z' })
    await sign(dir, ENG, { at: '2026-11-20T09:00:00Z', pack: await identity(join(SAMPLES_DIR, SAMPLE_OLD)) })
  })
  await make('untrusted signer', true, 'not-approved', async (dir) => {
    await sign(dir, ENG, { at: '2026-11-20T09:00:00Z' })
    await sign(dir, STRANGER, { at: '2026-11-21T09:00:00Z' })
  })
  await make('approved', true, 'approved', (dir) => both(dir))
  await make(
    'approved with acknowledged blockers',
    true,
    'approved-with-acknowledged-blockers',
    async (dir, prev) => {
      const acknowledges = acknowledgementFor(gateOf(dir, prev ?? ''))
      if (!acknowledges) throw new Error('the samples’ diff should be Blocked')
      await both(dir, acknowledges)
    },
    true
  )
  await make('rejected after approval', true, 'rejected', async (dir) => {
    await both(dir)
    await sign(dir, OWNER, { at: '2026-11-22T09:00:00Z', decision: 'reject' })
  })
  await make('not approved', true, 'not-approved', async (dir) => {
    await sign(dir, ENG, { at: '2026-11-20T09:00:00Z' })
  })
  await make('failed and signed', true, 'failed', async (dir) => {
    await both(dir)
    await tamper(dir)
  })
  return states
}
