/**
 * The embedded samples (both pairs) are exactly what scripts/gen-samples.ts generates, verify with
 * Vouch and with `sha256sum -c`, and (the credit pair; the LLM pair in llm/samples.test.ts) differ
 * between releases as the diff and the app expect.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FailuresDoc, GuardrailsDoc, MetricsDoc, MonitoringDoc, RisksDoc, SlicesDoc } from '../../src/core/format/evidence'
import { verifyPack } from '../../src/core/verify/verify'
import { generateSamples } from './generate'

const SAMPLES = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'resources', 'samples')
const CREDIT = ['credit-default-1.0.0', 'credit-default-1.1.0'] as const
const LLM = ['support-ticket-assistant-1.0.0', 'support-ticket-assistant-1.1.0'] as const
const NAMES = [...CREDIT, ...LLM] as const
const PACK_NAMES: Readonly<Record<string, string>> = { 'credit-default': 'credit-default-risk', 'support-ticket-assistant': 'support-ticket-assistant' }

async function walk(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) out.push(...(await walk(p)))
    else out.push(p)
  }
  return out.sort()
}

const json = async <T>(name: string, path: string): Promise<T> => JSON.parse(await readFile(join(SAMPLES, name, path), 'utf8')) as T

let tmp = ''
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'vouch-samples-'))
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

describe('resources/samples', () => {
  it('are byte-identical to a fresh run of the generator', async () => {
    const digests = await generateSamples(tmp)
    expect([...digests.keys()]).toEqual([...NAMES])
    for (const name of NAMES) {
      const committed = (await walk(join(SAMPLES, name))).map((p) => relative(join(SAMPLES, name), p))
      const fresh = (await walk(join(tmp, name))).map((p) => relative(join(tmp, name), p))
      expect(fresh).toEqual(committed)
      for (const f of fresh) {
        const a = await readFile(join(tmp, name, f))
        const b = await readFile(join(SAMPLES, name, f))
        expect(a.equals(b), `${name}/${f} differs from a fresh generation: run npm run samples`).toBe(true)
      }
    }
  })

  for (const name of NAMES) {
    it(`${name} verifies with verifyPack, and every claim it makes reproduces`, async () => {
      const r = await verifyPack(join(SAMPLES, name))
      expect(r.findings.filter((f) => f.severity === 'error')).toEqual([])
      expect(r.status).toBe('verified')
      expect(r.ok).toBe(true)
      const [, base, version] = /^(.*)-(\d+\.\d+\.\d+)$/.exec(name) ?? []
      expect(r.pack.name).toBe(PACK_NAMES[base ?? ''])
      expect(r.pack.version).toBe(version)
      expect(r.pack.digest).toMatch(/^[0-9a-f]{64}$/)
      expect(r.pack.previousVersion).toBe(name.endsWith('1.1.0') ? '1.0.0' : undefined)
      expect(r.reproducibility?.status).toBe('reproduced')
      expect(r.reproducibility?.summary.slices.notReproduced).toBe(0)
    })

    it(`${name} verifies with sha256sum -c in the pack root`, () => {
      const cwd = join(SAMPLES, name)
      for (const m of ['manifest-sha256.txt', 'tagmanifest-sha256.txt']) {
        // execFileSync throws on a non-zero exit (a FAILED line or a malformed one under --strict).
        const out = execFileSync('sha256sum', ['--strict', '-c', m], { cwd, encoding: 'utf8' })
        const listed = readFileSync(join(cwd, m), 'utf8').split('\n').filter(Boolean).length
        expect(out.split('\n').filter((l) => l.endsWith(': OK')).length).toBe(listed)
      }
    })
  }

  it('ship realistic sizes: several payload files over 1 MiB', async () => {
    for (const name of CREDIT) {
      const big = []
      for (const p of ['data/model/model.txt', 'data/evaluation/predictions-holdout.csv']) big.push((await stat(join(SAMPLES, name, p))).size)
      expect(Math.min(...big)).toBeGreaterThan(1024 * 1024)
    }
  })

  it('1.1.0 improves the headline metric but regresses a critical slice beyond tolerance', async () => {
    const [m0, m1] = await Promise.all(CREDIT.map((n) => json<MetricsDoc>(n, 'data/evaluation/metrics.json')))
    const auc = (m: MetricsDoc | undefined): number => m?.metrics.find((x) => x.id === 'auc')?.value ?? Number.NaN
    expect(auc(m1) - auc(m0)).toBeGreaterThan(0.01)
    const [s0, s1] = await Promise.all(CREDIT.map((n) => json<SlicesDoc>(n, 'data/evaluation/slices.json')))
    const slice = (s: SlicesDoc | undefined): SlicesDoc['slices'][number] | undefined => s?.slices.find((x) => x.id === 'age-18-24-thin-file')
    expect(slice(s0)?.critical).toBe(true)
    expect((slice(s0)?.metrics.auc ?? 0) - (slice(s1)?.metrics.auc ?? 1)).toBeGreaterThan(0.02)
    const ids = (s: SlicesDoc | undefined): string[] => s?.slices.map((x) => x.id) ?? []
    expect(ids(s1).filter((i) => !ids(s0).includes(i))).toEqual(['platform-income'])
    expect(ids(s0).filter((i) => !ids(s1).includes(i))).toEqual(['channel-telesales'])
  })

  it('1.1.0 adds a failure mode, resolves another, changes monitoring and exactly one guardrail', async () => {
    const [f0, f1] = await Promise.all(CREDIT.map((n) => json<FailuresDoc>(n, 'data/evaluation/failures.json')))
    expect(f1?.failures.map((f) => f.id).filter((id) => !f0?.failures.some((g) => g.id === id))).toEqual(['FM-004'])
    expect(f0?.failures.find((f) => f.id === 'FM-001')?.status).toBe('open')
    expect(f1?.failures.find((f) => f.id === 'FM-001')?.status).toBe('resolved')
    const [p0, p1] = await Promise.all(CREDIT.map((n) => json<MonitoringDoc>(n, 'data/monitoring/plan.json')))
    expect(p1?.signals.map((s) => s.id).filter((id) => !p0?.signals.some((g) => g.id === id))).toEqual(['MON-06'])
    const thr = (p: MonitoringDoc | undefined): number | undefined => p?.signals.find((s) => s.id === 'MON-04')?.threshold
    expect(thr(p0)).not.toBe(thr(p1))
    const [g0, g1] = await Promise.all(CREDIT.map((n) => json<GuardrailsDoc>(n, 'data/policy/guardrails.json')))
    const changed = g1?.guardrails.filter((g) => JSON.stringify(g) !== JSON.stringify(g0?.guardrails.find((h) => h.id === g.id)))
    expect(changed?.map((g) => g.id)).toEqual(['GR-03'])
  })

  it('every serious risk and open failure mode of both credit releases is watched, by the signals the release notes name', async () => {
    for (const name of CREDIT) {
      const r = await verifyPack(join(SAMPLES, name))
      expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([])
      expect(r.coverage?.required).toBe(name.endsWith('1.1.0') ? 3 : 2)
      expect(r.coverage?.covered).toBe(r.coverage?.required)
    }
    const [r0, r1] = await Promise.all(CREDIT.map((n) => json<RisksDoc>(n, 'data/risk/risks.json')))
    expect(r0?.risks.find((x) => x.id === 'R-01')?.monitoredBy).toEqual(['MON-04'])
    expect(r1?.risks.find((x) => x.id === 'R-01')?.monitoredBy).toEqual(['MON-04', 'MON-06'])
    // The structured field replaced the free-text mentions.
    for (const doc of [r0, r1]) expect(JSON.stringify(doc?.risks.map((x) => x.mitigation))).not.toMatch(/MON-\d/)
  })

  it('1.1.0 names 1.0.0 as its previous version in bag-info.txt', async () => {
    const info = await readFile(join(SAMPLES, 'credit-default-1.1.0', 'bag-info.txt'), 'utf8')
    expect(info).toMatch(/^Previous-Version: 1\.0\.0$/m)
    expect(info).toMatch(/^Pack-Version: 1\.1\.0$/m)
  })
})
