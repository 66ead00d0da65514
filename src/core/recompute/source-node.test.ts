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
