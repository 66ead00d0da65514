/**
 * Tests only: what the registry command tests share. A `vouch` runner, two signing keys with a trust
 * file and a filled-in checklist, a ModelPack-shaped model artifact pushed to a registry, and a copy
 * of the 1.1.0 sample whose data/pack.json names that model's digest (rebuilt, so it verifies).
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { expect } from 'vitest'
import { EXIT } from '../command'
import { fakeIO } from '../fake-io'
import { runCli } from '../main'
import { buildPack } from '../../core/build/build'
import { RegistryClient, sha256Digest } from '../../core/registry/client-node'
import { serialize } from '../../core/registry/manifest'
import { MT } from '../../core/registry/media-types'
import { Transport } from '../../core/registry/transport-node'

export const SAMPLE = resolve(__dirname, '../../../resources/samples/credit-default-1.1.0')
export const SAMPLE_PREVIOUS = resolve(__dirname, '../../../resources/samples/credit-default-1.0.0')
export const PASS = 'registry test passphrase'

export interface Run {
  readonly code: number
  readonly out: string
  readonly err: string
}

export function runner(cwd: string, baseEnv: Record<string, string> = {}): (args: readonly string[], env?: Record<string, string>) => Promise<Run> {
  return async (args, env = {}) => {
    const io = fakeIO({ cwd, env: { VOUCH_PASSPHRASE: PASS, HOME: cwd, VOUCH_REGISTRY_RETRY_DELAY_MS: '10', ...baseEnv, ...env } })
    const code = await runCli(args, io)
    return { code, out: io.stdout(), err: io.stderr() }
  }
}

/** engineer.key, owner.key, trust.txt and answers.json (all "yes") in `dir`. */
export async function makeSigners(dir: string): Promise<void> {
  const vouch = runner(dir)
  const trust: string[] = []
  for (const [name, role] of [['ana.eng', 'engineer'], ['bob.owner', 'owner']] as const) {
    expect((await vouch(['key', 'new', '--name', name, '--role', role, '--out', `${role}.key`])).code).toBe(EXIT.ok)
    const shown = await vouch(['key', 'show', `${role}.key.pub`])
    trust.push(/trust line {3}(.*)/.exec(shown.out)![1]!.replace('<role>', role))
  }
  await writeFile(join(dir, 'trust.txt'), `${trust.join('\n')}\n`)
  expect((await vouch(['signoff', 'checklist', '--out', 'answers.json'])).code).toBe(EXIT.ok)
  const a = JSON.parse(await readFile(join(dir, 'answers.json'), 'utf8'))
  for (const item of a.checklist) item.answer = 'yes'
  await writeFile(join(dir, 'answers.json'), JSON.stringify(a))
}

export async function sign(dir: string, pack: string, role: 'engineer' | 'owner', extra: readonly string[] = [], decision: 'approve' | 'reject' = 'approve', env: Record<string, string> = {}): Promise<Run> {
  return runner(dir)(['sign', pack, '--key', `${role}.key`, '--decision', decision, '--checklist', 'answers.json', ...extra], env)
}

/** A ModelPack-shaped artifact (artifactType application/vnd.cncf.model.manifest.v1+json) with one raw weights layer. */
export async function pushModel(host: string, repository: string, tag: string, weights: string, creds?: { username: string; password: string }): Promise<{ digest: string; size: number }> {
  const transport = await Transport.create({ plainHttp: true, systemCaFile: null })
  try {
    const client = new RegistryClient({ registry: host, repository, transport, plainHttp: true, ...(creds ? { credentials: { kind: 'basic', ...creds, source: 'test' } } : {}) })
    const config = new TextEncoder().encode(JSON.stringify({ descriptor: { name: repository }, config: { format: 'onnx' }, modelfs: { type: 'layers', diffIds: [] } }))
    const layer = new TextEncoder().encode(weights)
    await client.pushBlob(sha256Digest(config), config.length, config, 'config')
    await client.pushBlob(sha256Digest(layer), layer.length, layer, 'weights')
    const manifest = serialize({
      schemaVersion: 2,
      mediaType: MT.ociManifest,
      artifactType: 'application/vnd.cncf.model.manifest.v1+json',
      config: { mediaType: 'application/vnd.cncf.model.config.v1+json', digest: sha256Digest(config), size: config.length },
      layers: [{ mediaType: 'application/vnd.cncf.model.weight.v1.raw', digest: sha256Digest(layer), size: layer.length }]
    })
    await client.putManifest(tag, manifest, MT.ociManifest)
    return { digest: sha256Digest(manifest), size: manifest.length }
  } finally {
    transport.close()
  }
}

/** A copy of the 1.1.0 sample whose pack.json names the model artifact `digest`; returns its folder. */
export async function boundPack(parent: string, digest: string, size: number, mutate?: (packJson: Record<string, unknown>) => void): Promise<string> {
  const dir = await mkdtemp(join(parent, 'bound-'))
  await cp(SAMPLE, dir, { recursive: true })
  const p = join(dir, 'data', 'pack.json')
  const doc = JSON.parse(await readFile(p, 'utf8')) as { model: Record<string, unknown> }
  doc.model.external = { uri: `oci://models.example/credit-default@${digest}`, sha256: digest.slice('sha256:'.length), sizeBytes: size }
  mutate?.(doc as unknown as Record<string, unknown>)
  await writeFile(p, `${JSON.stringify(doc, null, 2)}\n`)
  const built = await buildPack(dir)
  expect(built.findings.filter((f) => f.severity === 'error')).toEqual([])
  return dir
}
