/**
 * Test pack generator (exported for every part's tests): a valid Assurance Pack folder in a fresh
 * temp dir, built by the real builder from the example evidence, plus mutation helpers to break it
 * in exactly one way. Always call `cleanup()` (afterEach).
 */
import { mkdtemp, mkdir, readFile, rm, truncate as fsTruncate, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { buildPack } from '../../build/build'
import { sha256Hex } from '../../build/fs-walk'
import { exampleEvidence, exampleEvidenceFiles, type ExampleEvidence } from '../../build/examples'
import type { ExampleFlavour } from '../../build/types'

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? Mutable<U>[] : T[K] extends object ? Mutable<T[K]> : T[K] }

export interface MakePackOptions {
  readonly template?: ExampleFlavour
  /** Edit the example evidence before it is written and built. */
  readonly evidence?: (ev: Mutable<ExampleEvidence>) => void
  /** Extra files (pack path -> content) written before the build (under data/ they are payload). */
  readonly files?: Readonly<Record<string, string | Uint8Array>>
  /** false: write the files but do not run the builder. */
  readonly build?: boolean
  readonly baggingDate?: string
}

export interface TestPack {
  readonly dir: string
  /** Absolute path of a pack path. */
  abs(path: string): string
  read(path: string): Promise<Buffer>
  readText(path: string): Promise<string>
  write(path: string, content: string | Uint8Array): Promise<void>
  remove(path: string): Promise<void>
  /** Flips one bit of a file (default: the middle byte's lowest bit). */
  flipBit(path: string, byteIndex?: number): Promise<void>
  truncate(path: string, length: number): Promise<void>
  /** Sets (or with undefined removes) every line of a bag-info label, keeping the order. */
  editBagInfo(label: string, value: string | undefined): Promise<void>
  /** Rewrites tagmanifest-sha256.txt so the tag files hash correctly again (what a careful forger does). */
  rehashTagManifest(): Promise<void>
  /** Rewrites manifest-sha256.txt so every listed payload file hashes correctly again, then Payload-Oxum and the tag manifest. */
  rehashAll(): Promise<void>
  /** Re-runs the builder. */
  rebuild(): Promise<void>
  /** SHA-256 of tagmanifest-sha256.txt. */
  digest(): Promise<string>
  cleanup(): Promise<void>
}

export async function makePack(opts: MakePackOptions = {}): Promise<TestPack> {
  const dir = await mkdtemp(join(tmpdir(), 'vouch-pack-'))
  const ev = structuredClone(exampleEvidence(opts.template ?? 'tabular')) as Mutable<ExampleEvidence>
  opts.evidence?.(ev)
  const abs = (p: string): string => join(dir, ...p.split('/'))
  const write = async (p: string, c: string | Uint8Array): Promise<void> => {
    await mkdir(dirname(abs(p)), { recursive: true })
    await writeFile(abs(p), c)
  }
  for (const [p, text] of exampleEvidenceFiles(ev as ExampleEvidence)) await write(p, text)
  await write('data/reports/slice-analysis.md', '# Slice analysis\n\nApplicants under 25: AUC 0.801 (CI 0.789-0.813).\n')
  for (const [p, c] of Object.entries(opts.files ?? {})) await write(p, c)
  const rebuild = async (): Promise<void> => {
    const r = await buildPack(dir, opts.baggingDate ? { baggingDate: opts.baggingDate } : {})
    if (!r.ok) throw new Error(`makePack: build refused the evidence: ${r.findings.map((f) => `${f.code} ${f.message}`).join('; ')}`)
  }
  if (opts.build !== false) await rebuild()

  const pack: TestPack = {
    dir,
    abs,
    read: (p) => readFile(abs(p)),
    readText: (p) => readFile(abs(p), 'utf8'),
    write,
    remove: (p) => unlink(abs(p)),
    async flipBit(p, byteIndex) {
      const b = await readFile(abs(p))
      const i = byteIndex ?? b.length >> 1
      b[i] = (b[i] ?? 0) ^ 1
      await writeFile(abs(p), b)
    },
    truncate: (p, n) => fsTruncate(abs(p), n),
    async editBagInfo(label, value) {
      const lines = (await readFile(abs('bag-info.txt'), 'utf8')).split('\n').filter((l) => l !== '')
      const has = lines.some((l) => l.startsWith(`${label}:`))
      const next = value === undefined ? lines.filter((l) => !l.startsWith(`${label}:`)) : has ? lines.map((l) => (l.startsWith(`${label}:`) ? `${label}: ${value}` : l)) : [...lines, `${label}: ${value}`]
      await writeFile(abs('bag-info.txt'), next.join('\n') + '\n')
    },
    async rehashTagManifest() {
      const lines = (await readFile(abs('tagmanifest-sha256.txt'), 'utf8')).split('\n').filter((l) => l !== '')
      const out: string[] = []
      for (const l of lines) {
        const p = l.slice(66)
        out.push(`${sha256Hex(await readFile(abs(p)))}  ${p}`)
      }
      await writeFile(abs('tagmanifest-sha256.txt'), out.join('\n') + '\n')
    },
    async rehashAll() {
      const lines = (await readFile(abs('manifest-sha256.txt'), 'utf8')).split('\n').filter((l) => l !== '')
      const out: string[] = []
      let octets = 0
      for (const l of lines) {
        const p = l.slice(66)
        const b = await readFile(abs(p))
        octets += b.length
        out.push(`${sha256Hex(b)}  ${p}`)
      }
      await writeFile(abs('manifest-sha256.txt'), out.join('\n') + '\n')
      await pack.editBagInfo('Payload-Oxum', `${octets}.${lines.length}`)
      await pack.rehashTagManifest()
    },
    rebuild,
    async digest() {
      return sha256Hex(await readFile(abs('tagmanifest-sha256.txt')))
    },
    cleanup: () => rm(dir, { recursive: true, force: true })
  }
  return pack
}
