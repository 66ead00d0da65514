import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { inflateRawSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shouldStore } from './pack-job'
import { crc32, crc32Combine, deflatePiece, DEFLATE_END, huffmanBits, looksIncompressible, sampleOffsets, storedBlocks } from './pieces'
import { noise } from './testing/fixtures'

const run = promisify(execFile)
let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-pieces-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Text with the byte statistics of CSV evidence. */
function csv(bytes: number, seed = 1): Buffer {
  const rows: string[] = []
  let n = 0
  for (let i = 0; n < bytes; i++) {
    const row = `SEG-${String(i).padStart(5, '0')},2024-${String((i % 12) + 1).padStart(2, '0')},${(i * 7919 + seed) % 900},${((i * 104729) % 1000) / 1000}\n`
    rows.push(row)
    n += row.length
  }
  return Buffer.from(rows.join('')).subarray(0, bytes)
}

/** float32 weights, normally distributed (as trained weights are): three bytes of each look random. */
function float32Weights(count: number, seed = 3): Buffer {
  const f = new Float32Array(count)
  const u = noise(count * 8, seed)
  for (let i = 0; i < count; i++) {
    const a = (u.readUInt32LE(i * 8) + 1) / 2 ** 32
    const b = u.readUInt32LE(i * 8 + 4) / 2 ** 32
    f[i] = 0.02 * Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * b)
  }
  return Buffer.from(f.buffer)
}

describe('huffmanBits: the total length of an optimal prefix code', () => {
  it.each([
    [[], 0],
    [[5], 0],
    [[1, 1], 2],
    [[1, 1, 2], 6],
    [[1, 2, 3, 4], 19],
    [[0, 7, 0, 7], 14]
  ])('%j -> %i', (counts, bits) => {
    expect(huffmanBits(counts)).toBe(bits)
  })

  it('256 equal counts cost 8 bits a byte: stored; two symbols cost 1 bit a byte: deflated', () => {
    expect(huffmanBits(new Array(256).fill(10))).toBe(8 * 2560)
    expect(looksIncompressible(Buffer.from(Array.from({ length: 256 * 40 }, (_, i) => i & 255)))).toBe(true)
    expect(looksIncompressible(Buffer.alloc(4096, 'ab'))).toBe(false)
  })
})

describe('the store rule', () => {
  it('stores random bytes and float32 weights, deflates text and files under 64 KiB', async () => {
    const cases: [string, Buffer, boolean][] = [
      ['random.bin', noise(2 * 1024 * 1024 + 3, 1), true],
      ['random-100k.bin', noise(100_000, 2), true],
      ['random-small.bin', noise(60_000, 3), false],
      ['weights-f32.bin', float32Weights(100_000), true],
      ['segments.csv', csv(1024 * 1024), false],
      ['empty.txt', Buffer.alloc(0), false]
    ]
    for (const [name, bytes, stored] of cases) {
      await writeFile(join(dir, name), bytes)
      expect([name, shouldStore(join(dir, name), bytes.length)]).toEqual([name, stored])
    }
  })

  it('samples 16 windows spread from the first byte to the last', () => {
    const offs = sampleOffsets(1_000_000)
    expect(offs).toHaveLength(16)
    expect(offs[0]).toBe(0)
    expect(offs[15]).toBe(1_000_000 - 16_384)
    expect(offs[1]).toBe(Math.floor((1_000_000 - 16_384) / 15))
  })

  it('the Python in docs/pack-format.md (10.1) decides as Vouch does, file by file', async () => {
    const doc = await readFile(resolve(__dirname, '../../../docs/pack-format.md'), 'utf8')
    const block = /<!-- store-rule:begin -->\n```python\n([\s\S]*?)```\n<!-- store-rule:end -->/.exec(doc)
    expect(block).not.toBeNull()
    // Files around each boundary of the rule: sizes, and a text/random mix near the 10% line.
    const files: [string, Buffer][] = [
      ['a.bin', noise(65_535, 4)],
      ['b.bin', noise(65_536, 5)],
      ['c.bin', noise(262_144, 6)],
      ['d.bin', Buffer.concat([noise(262_145, 7)])],
      ['e.csv', csv(2 * 1024 * 1024, 8)],
      ['f.bin', float32Weights(80_000, 9)],
      ['g.mix', Buffer.concat([csv(40_000, 10), noise(300_000, 11)])],
      ['h.mix', Buffer.concat([csv(120_000, 12), noise(300_000, 13)])]
    ]
    for (const [name, b] of files) await writeFile(join(dir, name), b)
    const script = `${(block as RegExpExecArray)[1]}\nimport json, sys\nprint(json.dumps([stored(p) for p in sys.argv[1:]]))\n`
    await writeFile(join(dir, 'rule.py'), script)
    const paths = files.map(([n]) => join(dir, n))
    const { stdout } = await run('python3', [join(dir, 'rule.py'), ...paths])
    expect(JSON.parse(stdout)).toEqual(files.map(([, b], i) => shouldStore(paths[i] as string, b.length)))
    // The mixes sit on both sides of the line, so the comparison above is not all one answer.
    expect(new Set(JSON.parse(stdout) as boolean[]).size).toBe(2)
  })
})

describe('pieces', () => {
  it('deflated pieces, stored blocks and the closing block make one deflate stream', () => {
    const text = csv(300_000)
    const raw = noise(200_000, 9)
    const stream = Buffer.concat([deflatePiece(text.subarray(0, 100_000), false), storedBlocks(raw), storedBlocks(Buffer.alloc(0)), deflatePiece(text.subarray(100_000), false), DEFLATE_END])
    expect(inflateRawSync(stream).equals(Buffer.concat([text.subarray(0, 100_000), raw, text.subarray(100_000)]))).toBe(true)
    expect(inflateRawSync(deflatePiece(text, true)).equals(text)).toBe(true)
  })

  it('stored blocks hold at most 65,535 bytes', () => {
    const b = storedBlocks(noise(65_536, 1))
    expect(b.length).toBe(65_536 + 10)
    expect(b.readUInt16LE(1)).toBe(65_535)
    expect(b.readUInt16LE(65_535 + 5 + 1)).toBe(1)
  })

  it('crc32Combine gives the CRC of the concatenation', () => {
    for (const [la, lb] of [
      [0, 0],
      [0, 9],
      [9, 0],
      [1000, 70_000],
      [3, 1 << 20]
    ] as const) {
      const a = noise(la, la + 1)
      const b = noise(lb, lb + 2)
      expect(crc32Combine(crc32(a), crc32(b), lb)).toBe(crc32(Buffer.concat([a, b])) >>> 0)
    }
    // Lengths past 4 GiB: combining is associative, whatever the lengths.
    const [x, y, z] = [0x12345678, 0x9abcdef0, 0x0fedcba9]
    const [ly, lz] = [5 * 2 ** 32 + 7, 3 * 2 ** 31 + 1]
    expect(crc32Combine(crc32Combine(x, y, ly), z, lz)).toBe(crc32Combine(x, crc32Combine(y, z, lz), ly + lz))
  })
})
