/**
 * Thresholds are compared exactly, on the decimal literals as written (split from verify.test.ts,
 * whose code-coverage test counts threshold-not-met as produced here).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { withoutPredictionsAbsent } from '../recompute/testing/no-predictions'
import type { VerifyReport } from './report'
import { folderTestReader } from './testing/memory-reader'
import { makePack, type TestPack } from './testing/make-pack'
import { verifyWithReader } from './verify'

const packs: TestPack[] = []
afterEach(async () => {
  await Promise.all(packs.splice(0).map((p) => p.cleanup()))
})

async function pack(): Promise<TestPack> {
  const p = await makePack()
  packs.push(p)
  return p
}
async function verify(p: TestPack): Promise<VerifyReport> {
  return withoutPredictionsAbsent(await verifyWithReader(await folderTestReader(p.dir)))
}

describe('verify: thresholds are compared exactly', () => {
  async function withMetric(value: string, comparator: string, threshold: string): Promise<VerifyReport> {
    const p = await pack()
    const text = (await p.readText('data/evaluation/metrics.json'))
      .replace('"value": 0.842', `"value": ${value}`)
      .replace('"threshold": 0.8,', `"threshold": ${threshold},`)
      .replace('"comparator": ">="', `"comparator": "${comparator}"`)
    await p.write('data/evaluation/metrics.json', text)
    await p.rehashAll()
    return verify(p)
  }
  const notMet = (r: VerifyReport): string[] => r.findings.filter((f) => f.code === 'threshold-not-met').map((f) => `${f.actual} vs ${f.expected}`)

  it('0.8 >= 0.80 holds, and is info only', async () => {
    const r = await withMetric('0.8', '>=', '0.80')
    expect(notMet(r)).toEqual([])
    expect(r.evidence.metrics?.metrics[0]).toMatchObject({ valueLiteral: '0.8', thresholdLiteral: '0.80' })
  })
  it('0.8 > 0.80 does not hold', async () => {
    const r = await withMetric('0.8', '>', '0.80')
    expect(notMet(r)).toEqual(['0.8 vs > 0.80'])
    expect(r.status).toBe('verified')
  })
  it('0.30000000000000004 <= 0.3 does not hold, 0.3 <= 0.30000000000000004 does', async () => {
    expect(notMet(await withMetric('0.30000000000000004', '<=', '0.3'))).toEqual(['0.30000000000000004 vs <= 0.3'])
    expect(notMet(await withMetric('0.3', '<=', '0.30000000000000004'))).toEqual([])
  })
  it('a value equal to the threshold as a double but larger as a decimal passes >', async () => {
    expect(notMet(await withMetric('0.8000000000000000000001', '>', '0.8'))).toEqual([])
  })
})

