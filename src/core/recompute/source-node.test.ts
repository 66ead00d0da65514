/**
 * Reading predictions back out of an archive reads only them: the verifying scan already hashed
 * everything, and a second full pass doubled the time to verify a zip of model weights.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { writeArchiveFromFolder } from '../io/archive-write'
import { openPackReader } from '../io/open'
import type { PackReader, ScannedFile } from '../io/reader'
import { payloadOpener } from './source-node'
import { keepLikelyPredictions, LIKELY_PREDICTIONS_BUDGET } from './verify-step'

const SAMPLE = resolve(__dirname, '../../../resources/samples/credit-default-1.1.0')
const CSV = 'data/evaluation/predictions-holdout.csv'
let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-source-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

it.each(['zip', 'tar.gz'] as const)('%s: the predictions are read again, and no other file', async (kind) => {
  const archive = join(dir, `pack.${kind}`)
  await writeArchiveFromFolder(SAMPLE, archive, kind)
  const real = await openPackReader(archive)
  const returned: (readonly ScannedFile[])[] = []
  const reader: PackReader = {
    kind: real.kind,
    location: real.location,
    scan: async (opts) => {
      const files = await real.scan(opts)
      returned.push(files)
      return files
    },
    close: () => real.close()
  }
  try {
    const stream = await payloadOpener(reader, [CSV])(CSV, { gunzip: false })
    let bytes = 0
    for await (const c of stream.chunks) bytes += c.length
    expect(bytes).toBeGreaterThan(1000)
    expect(stream.sha256()).toMatch(/^[0-9a-f]{64}$/)
    expect(returned.map((files) => files.map((f) => f.entry.path))).toEqual([[CSV]])
  } finally {
    await reader.close()
  }
})

it('tar.gz: predictions kept by the verifying scan are not read again (no second pass through gunzip)', async () => {
  const archive = join(dir, 'kept.tar.gz')
  await writeArchiveFromFolder(SAMPLE, archive, 'tar.gz')
  const reader = await openPackReader(archive)
  try {
    const likely = keepLikelyPredictions(64 * 1024 * 1024)
    const scanned = await reader.scan({ keep: likely, keptOnly: true, onFinding: () => undefined })
    expect(scanned.map((f) => f.entry.path)).toContain(CSV)
    const rescans: unknown[] = []
    const counting: PackReader = { kind: reader.kind, location: reader.location, scan: (o) => (rescans.push(o), reader.scan(o)), close: () => reader.close() }
    const stream = await payloadOpener(counting, [CSV], undefined, scanned)(CSV, { gunzip: false })
    let bytes = 0
    for await (const c of stream.chunks) bytes += c.length
    expect(bytes).toBe(scanned.find((f) => f.entry.path === CSV)?.content?.length)
    expect(stream.sha256()).toBe(scanned.find((f) => f.entry.path === CSV)?.sha256)
    expect(rescans).toEqual([])
  } finally {
    await reader.close()
  }
})

it('keepLikelyPredictions keeps payload CSVs within the cap and the budget only', () => {
  const keep = keepLikelyPredictions(100)
  expect(keep('data/evaluation/p.csv', 100)).toBe(true)
  expect(keep('data/evaluation/p.csv.gz', 10)).toBe(true)
  expect(keep('data/evaluation/p.csv', 101)).toBe(false)
  expect(keep('data/evaluation/p.json', 10)).toBe(false)
  expect(keep('bag-info.csv', 10)).toBe(false)
  const budget = keepLikelyPredictions(LIKELY_PREDICTIONS_BUDGET)
  expect(budget('data/a.csv', LIKELY_PREDICTIONS_BUDGET - 5)).toBe(true)
  expect(budget('data/b.csv', 6)).toBe(false)
  expect(budget('data/c.csv', 5)).toBe(true)
})
