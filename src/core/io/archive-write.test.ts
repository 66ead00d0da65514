import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeArchiveFromFolder } from './archive-write'
import { openPackReader } from './open'
import { PackWriteError } from './write-error'
import { sampleBag, writeFolder } from './testing/fixtures'

let dir: string
let bag: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-write-'))
  bag = join(dir, 'bag')
  await writeFolder(bag, sampleBag())
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const digest = async (p: string): Promise<string> => createHash('sha256').update(await readFile(p)).digest('hex')

describe('writeArchiveFromFolder', () => {
  it.each(['zip', 'tar', 'tar.gz'] as const)('%s: packing twice gives identical bytes, whatever the file times', async (kind) => {
    const a = join(dir, `a.${kind}`)
    const b = join(dir, `b.${kind}`)
    await writeArchiveFromFolder(bag, a, kind)
    // Change every mtime: the archive must not record them.
    await utimes(join(bag, 'bagit.txt'), new Date(2001, 1, 1), new Date(2001, 1, 1))
    await writeArchiveFromFolder(bag, b, kind)
    expect(await digest(a)).toBe(await digest(b))
    const findings: unknown[] = []
    const r = await openPackReader(a)
    expect((await r.scan({ onFinding: (f) => findings.push(f) })).length).toBe(Object.keys(sampleBag()).length)
    expect(findings).toEqual([])
  })

  it('SOURCE_DATE changes the bytes deterministically; store differs from deflate', async () => {
    await writeArchiveFromFolder(bag, join(dir, 's1.zip'), 'zip', { sourceDateEpoch: 1_700_000_000 })
    await writeArchiveFromFolder(bag, join(dir, 's2.zip'), 'zip', { sourceDateEpoch: 1_700_000_000 })
    await writeArchiveFromFolder(bag, join(dir, 'st.zip'), 'zip', { compression: 'store' })
    expect(await digest(join(dir, 's1.zip'))).toBe(await digest(join(dir, 's2.zip')))
    expect(await digest(join(dir, 's1.zip'))).not.toBe(await digest(join(dir, 'a.zip')))
    expect(await digest(join(dir, 'st.zip'))).not.toBe(await digest(join(dir, 'a.zip')))
  })

  it('writes a fixed gzip header (mtime 0, OS 3) and sorted, uid 0 tar entries', async () => {
    const gz = await readFile(join(dir, 'a.tar.gz'))
    expect([...gz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3])
    const tar = gunzipSync(gz)
    expect(tar.length % 10240).toBe(0)
    expect(tar.subarray(0, 9).toString()).toBe('bag-info.')
    expect(tar.subarray(108, 115).toString()).toBe('0000000')
  })

  it('refuses to overwrite, to follow links, or to write inside the source; leaves no temp', async () => {
    await expect(writeArchiveFromFolder(bag, join(dir, 'a.zip'), 'zip')).rejects.toMatchObject({ code: 'target-exists' })
    await expect(writeArchiveFromFolder(bag, join(bag, 'self.zip'), 'zip')).rejects.toMatchObject({ code: 'output-inside-source' })
    const linked = join(dir, 'linked')
    await writeFolder(linked, { 'bagit.txt': 'x' })
    await symlink('/etc/passwd', join(linked, 'passwd'))
    await expect(writeArchiveFromFolder(linked, join(dir, 'linked.zip'), 'zip')).rejects.toBeInstanceOf(PackWriteError)
    expect((await readdir(dir)).filter((n) => n.includes('vouch-tmp'))).toEqual([])
  })

  it('a full disk mid-write leaves neither the output nor a temp file', async () => {
    const out = join(dir, 'full.zip')
    await expect(writeArchiveFromFolder(bag, out, 'zip', { faults: { failAfterBytes: 100_000 } })).rejects.toMatchObject({ code: 'write-failed' })
    expect((await readdir(dir)).filter((n) => n.includes('full.zip'))).toEqual([])
  })

  it('overwrite: true replaces atomically', async () => {
    const out = join(dir, 'over.tar')
    await writeFile(out, 'old')
    await writeArchiveFromFolder(bag, out, 'tar', { overwrite: true })
    expect(await digest(out)).toBe(await digest(join(dir, 'a.tar')))
  })
})

describe('zip64 structures', () => {
  it('65,536 entries get zip64 end records that the reader follows', async () => {
    const { FileSink } = await import('./sink')
    const { writeZipEntryBuffer, centralRecord, endRecords, dosDateTime, ZIP_EPOCH_SECONDS } = await import('./zip-write')
    const out = join(dir, 'many.zip')
    const sink = await FileSink.create(out)
    const dos = dosDateTime(ZIP_EPOCH_SECONDS)
    const written = []
    for (let i = 0; i < 65_536; i++) written.push(await writeZipEntryBuffer(sink, `data/${i}`, Buffer.alloc(0), 0, dos))
    const cdOffset = sink.position
    for (const w of written) await sink.write(centralRecord(w))
    await sink.write(endRecords(written.length, cdOffset, sink.position - cdOffset))
    await sink.finish()
    const bytes = await readFile(sink.tempPath)
    expect(bytes.readUInt32LE(bytes.length - 22 - 20 - 56)).toBe(0x06064b50)
    expect(bytes.readUInt16LE(bytes.length - 12)).toBe(0xffff)
    const findings: unknown[] = []
    const r = await openPackReader(sink.tempPath)
    expect((await r.scan({ onFinding: (f) => findings.push(f) })).length).toBe(65_536)
    expect(findings).toEqual([])
    await rm(sink.tempPath)
  })
})
