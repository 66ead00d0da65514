import { afterEach, describe, expect, it } from 'vitest'
import { FORMAT_CODES } from '../format/codes'
import { withoutPredictionsAbsent } from '../recompute/testing/no-predictions'
import type { VerifyReport } from './report'
import { folderTestReader, memoryReader } from './testing/memory-reader'
import { makePack, type MakePackOptions, type TestPack } from './testing/make-pack'
import { verifyWithReader, type VerifyOptions } from './verify'

const seen = new Set<string>()
const packs: TestPack[] = []
afterEach(async () => {
  await Promise.all(packs.splice(0).map((p) => p.cleanup()))
})

async function pack(opts?: MakePackOptions): Promise<TestPack> {
  const p = await makePack(opts)
  packs.push(p)
  return p
}
async function verify(p: TestPack, opts?: VerifyOptions): Promise<VerifyReport> {
  // These packs ship no predictions; the predictions-absent info is asserted in src/core/recompute.
  const r = withoutPredictionsAbsent(await verifyWithReader(await folderTestReader(p.dir), opts))
  for (const f of r.findings) seen.add(f.code)
  return r
}
const codes = (r: VerifyReport): string[] => r.findings.filter((f) => f.severity !== 'info').map((f) => f.code)

describe('verify: a valid pack', () => {
  it('verifies with no finding and fills the report', async () => {
    const p = await pack()
    const r = await verify(p)
    expect(r.findings).toEqual([])
    expect(r).toMatchObject({ ok: true, status: 'verified', container: 'folder', pack: { name: 'credit-default-scorer', version: '1.0.0', digest: await p.digest() } })
    expect(r.traceability.map((t) => t.status)).toEqual(Array(10).fill('ok'))
    expect(r.traceability.find((t) => t.field === 'commit')?.value).toBe('4b825dc642cb6eb9a060e54bf8d69288fbee4904')
    expect(r.files.filter((f) => f.status === 'ok').length).toBe(9)
    expect(r.files.filter((f) => f.status === 'tag').map((f) => f.path)).toEqual(['bag-info.txt', 'bagit.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt'])
    expect(r.evidence.metrics?.metrics[0]?.valueLiteral).toBe('0.842')
    expect(r.bagInfo.map(([k]) => k)).toContain('Payload-Oxum')
    expect(r.stats.filesChecked).toBe(13)
  })

  it.each(['vision', 'nlp'] as const)('verifies the %s template', async (template) => {
    expect((await verify(await pack({ template }))).findings).toEqual([])
  })

  it('keeps sign-offs out of the digest and hands their text back', async () => {
    const p = await pack()
    const before = await p.digest()
    await p.write('signoffs/2026-11-26T10-00-00Z-owner-ab12cd34.json', '{"payloadType":"x"}')
    const r = await verify(p)
    expect(r.status).toBe('verified')
    expect(r.pack.digest).toBe(before)
    expect(r.signoffs).toEqual([{ path: 'signoffs/2026-11-26T10-00-00Z-owner-ab12cd34.json', text: '{"payloadType":"x"}' }])
    expect(r.files.find((f) => f.path.startsWith('signoffs/'))?.status).toBe('signoff')
  })
})

describe('verify: completeness and validity', () => {
  it('bit flip -> hash-mismatch with expected and actual', async () => {
    const p = await pack()
    await p.flipBit('data/reports/slice-analysis.md')
    const r = await verify(p)
    expect(r.status).toBe('failed')
    expect(codes(r)).toEqual(['hash-mismatch'])
    const f = r.findings[0]
    expect(f?.path).toBe('data/reports/slice-analysis.md')
    expect(f?.expected).toMatch(/^[0-9a-f]{64}$/)
    expect(f?.actual).not.toBe(f?.expected)
    expect(r.files.find((x) => x.path === 'data/reports/slice-analysis.md')?.status).toBe('mismatch')
  })

  it('truncation -> hash-mismatch and payload-oxum-mismatch', async () => {
    const p = await pack()
    await p.truncate('data/reports/slice-analysis.md', 5)
    expect(codes(await verify(p)).sort()).toEqual(['hash-mismatch', 'payload-oxum-mismatch'])
  })

  it('missing file -> file-missing and payload-oxum-mismatch; reports every problem, not the first', async () => {
    const p = await pack()
    await p.remove('data/reports/slice-analysis.md')
    await p.write('data/extra.csv', 'a,b\n1,2\n')
    await p.flipBit('data/policy/guardrails.json', 0)
    const r = await verify(p)
    expect(codes(r).sort()).toEqual(['file-missing', 'file-unexpected', 'hash-mismatch', 'json-invalid', 'payload-oxum-mismatch'])
    expect(r.files.find((f) => f.path === 'data/extra.csv')?.status).toBe('unexpected')
    expect(r.files.find((f) => f.path === 'data/reports/slice-analysis.md')?.status).toBe('missing')
  })

  it('missing evidence document -> file-missing and evidence-missing', async () => {
    const p = await pack()
    await p.remove('data/risk/risks.json')
    expect(codes(await verify(p)).sort()).toEqual(['evidence-missing', 'file-missing', 'payload-oxum-mismatch'])
  })

  it('each missing required tag file -> tag-file-missing', async () => {
    for (const t of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt']) {
      const p = await pack()
      await p.remove(t)
      const r = await verify(p)
      expect(r.findings.find((f) => f.code === 'tag-file-missing')?.path).toBe(t)
      expect(r.ok).toBe(false)
    }
  })

  it('edited bag-info without the tag manifest updated -> hash-mismatch on bag-info.txt', async () => {
    const p = await pack()
    await p.editBagInfo('Run-ID', 'run-forged')
    const r = await verify(p)
    expect(r.findings.map((f) => [f.code, f.path])).toContainEqual(['hash-mismatch', 'bag-info.txt'])
  })

  it('wrong Payload-Oxum -> payload-oxum-mismatch; a malformed one -> bag-info-value-invalid', async () => {
    const p = await pack()
    await p.editBagInfo('Payload-Oxum', '1.1')
    await p.rehashTagManifest()
    const r = await verify(p)
    expect(codes(r)).toEqual(['payload-oxum-mismatch'])
    expect(r.findings[0]?.expected).toBe('1.1')
    await p.editBagInfo('Payload-Oxum', 'lots')
    await p.rehashTagManifest()
    expect(codes(await verify(p))).toEqual(['bag-info-value-invalid'])
  })

  it('extra unprotected tag file -> tag-file-unlisted (warning, still verified); fetch.txt -> fetch-not-allowed; md5 manifest -> manifest-ignored', async () => {
    const p = await pack()
    await p.write('README.txt', 'hello')
    let r = await verify(p)
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['tag-file-unlisted', 'warning']])
    expect(r.status).toBe('verified')
    await p.write('fetch.txt', 'https://example.com/x 1 data/x\n')
    await p.write('manifest-md5.txt', 'd41d8cd98f00b204e9800998ecf8427e  data/pack.json\n')
    r = await verify(p)
    expect(codes(r)).toEqual(expect.arrayContaining(['fetch-not-allowed', 'manifest-ignored']))
    expect(r.status).toBe('failed')
  })
})

describe('verify: tag files', () => {
  it('BOM in bagit.txt -> tag-file-encoding; wrong version -> bagit-txt-invalid', async () => {
    const p = await pack()
    await p.write('bagit.txt', '\ufeffBagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')
    await p.rehashTagManifest()
    expect(codes(await verify(p))).toEqual(['tag-file-encoding'])
    await p.write('bagit.txt', 'BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n')
    await p.rehashTagManifest()
    const r = await verify(p)
    expect(codes(r)).toEqual(['bagit-txt-invalid'])
    expect(r.findings[0]?.message).toContain('line 1')
  })

  it('bag-info: malformed line, missing and repeated labels, all reported', async () => {
    const p = await pack()
    const text = await p.readText('bag-info.txt')
    await p.write('bag-info.txt', text.replace(/^Run-ID: .*\n/m, '') + 'this is not a label\nPack-Name: again\n')
    await p.rehashTagManifest()
    const r = await verify(p)
    expect(codes(r).sort()).toEqual(['bag-info-label-missing', 'bag-info-label-repeated', 'bag-info-malformed'])
    expect(r.findings.find((f) => f.code === 'bag-info-malformed')?.message).toContain('line 8')
  })

  it('bag-info continuation lines are joined', async () => {
    const p = await pack()
    await p.write('bag-info.txt', (await p.readText('bag-info.txt')) + 'External-Description: first part\n  second part\n')
    await p.rehashTagManifest()
    const r = await verify(p)
    expect(r.findings).toEqual([])
    expect(r.bagInfo).toContainEqual(['External-Description', 'first part second part'])
  })

  it('manifest lines: malformed, duplicate, unsafe, outside payload, noncanonical', async () => {
    const p = await pack()
    const m = await p.readText('manifest-sha256.txt')
    const first = m.split('\n')[0] ?? ''
    const hex = first.slice(0, 64)
    await p.write(
      'manifest-sha256.txt',
      m.replace(first, first.replace('  ', ' ')) + `${first}\nnot a line\n${hex}  data/../../etc/passwd\n${hex}  README.md\n${'ab'.repeat(20)}  data/x\n`
    )
    await p.rehashTagManifest()
    const r = await verify(p)
    expect(r.findings.map((f) => [f.code, f.message.match(/line \d+/)?.[0]])).toEqual([
      ['manifest-line-noncanonical', 'line 1'],
      ['manifest-duplicate-entry', 'line 10'],
      ['manifest-line-malformed', 'line 11'],
      ['manifest-path-unsafe', 'line 12'],
      ['manifest-path-outside-payload', 'line 13'],
      ['manifest-line-malformed', 'line 14']
    ])
    expect(r.findings.find((f) => f.code === 'manifest-line-noncanonical')?.severity).toBe('warning')
  })

  it('mixed-case hex and CRLF are accepted', async () => {
    const p = await pack()
    const m = await p.readText('manifest-sha256.txt')
    await p.write('manifest-sha256.txt', m.split('\n').map((l) => l.slice(0, 64).toUpperCase() + l.slice(64)).join('\r\n'))
    await p.rehashTagManifest()
    expect((await verify(p)).findings).toEqual([])
  })

  it('tag manifest: incomplete, lists payload, lists a sign-off', async () => {
    const p = await pack()
    const t = await p.readText('tagmanifest-sha256.txt')
    const hex = 'cd'.repeat(32)
    await p.write('signoffs/a.json', '{}')
    await p.write('tagmanifest-sha256.txt', t.split('\n').filter((l) => !l.endsWith('  bag-info.txt')).join('\n') + `${hex}  data/pack.json\n${hex}  signoffs/a.json\n`)
    const r = await verify(p)
    expect(codes(r).sort()).toEqual(['signoff-in-manifest', 'tag-file-unlisted', 'tagmanifest-incomplete', 'tagmanifest-lists-payload'])
    expect(r.findings.find((f) => f.code === 'tagmanifest-incomplete')?.expected).toBe('bag-info.txt')
  })

  it('a forger who rewrites bag-info and the tag manifest changes the pack digest', async () => {
    const p = await pack()
    const before = await p.digest()
    await p.editBagInfo('Run-ID', 'run-forged')
    await p.rehashTagManifest()
    const r = await verify(p)
    expect(r.pack.digest).not.toBe(before)
    expect(r.findings.map((f) => f.code)).toEqual(['traceability-inconsistent'])
  })
})

describe('verify: evidence', () => {
  it('bad JSON -> json-invalid with line:column; duplicate key -> json-duplicate-key', async () => {
    const p = await pack()
    await p.write('data/pack.json', '{\n  "schema": "vouch.pack/v1",\n  "name": "x",\n  "name": "y"\n}\n')
    await p.write('data/risk/risks.json', '{"schema": "vouch.risks/v1", "risks": []} trailing')
    await p.rehashAll()
    const r = await verify(p)
    expect(r.findings.map((f) => [f.code, f.path, f.actual])).toEqual([
      ['json-duplicate-key', 'data/pack.json', 'line 4, column 3'],
      ['json-invalid', 'data/risk/risks.json', 'line 1, column 43']
    ])
    expect(r.evidence.pack).toBeUndefined()
  })

  it('schema problems carry the JSON pointer; unknown fields are warnings', async () => {
    const p = await pack({ evidence: (ev) => Object.assign(ev.pack, { colour: 'blue' }) })
    let r = await verify(p)
    expect(r.findings.map((f) => [f.code, f.pointer])).toEqual([['schema-unknown-field', '/colour']])
    expect(r.status).toBe('verified')
    const m = JSON.parse(await p.readText('data/evaluation/metrics.json'))
    m.metrics[0].comparator = '=>'
    m.metrics[1].sampleSize = -3
    await p.write('data/evaluation/metrics.json', JSON.stringify(m))
    await p.rehashAll()
    r = await verify(p)
    expect(r.findings.filter((f) => f.code === 'schema-invalid').map((f) => [f.pointer, f.actual])).toEqual([
      ['/metrics/0/comparator', '"=>"'],
      ['/metrics/1/sampleSize', '-3']
    ])
  })

  it('duplicate ids and unresolved references', async () => {
    const p = await pack()
    const f = JSON.parse(await p.readText('data/evaluation/failures.json'))
    f.failures.push({ ...f.failures[0], slice: 'ghost-slice' })
    await p.write('data/evaluation/failures.json', JSON.stringify(f))
    const m = JSON.parse(await p.readText('data/evaluation/metrics.json'))
    m.metrics[1].dataset = 'shadow-data'
    await p.write('data/evaluation/metrics.json', JSON.stringify(m))
    await p.rehashAll()
    const r = await verify(p)
    expect(r.findings.map((x) => [x.code, x.pointer])).toEqual([
      ['duplicate-id', '/failures/1/id'],
      ['reference-unresolved', '/metrics/1/dataset'],
      ['reference-unresolved', '/failures/1/slice']
    ])
    expect(r.traceability.find((t) => t.field === 'datasets')?.status).toBe('inconsistent')
  })

  it('evidence over the size cap -> evidence-too-large', async () => {
    const p = await pack()
    const { loadFolder } = await import('./testing/memory-reader')
    const { files } = await loadFolder(p.dir)
    const big = files.map((f) => (f.path === 'data/evaluation/slices.json' ? { path: f.path, bytes: new Uint8Array(17 * 1024 * 1024) } : f))
    const r = await verifyWithReader(memoryReader(big))
    for (const x of r.findings) seen.add(x.code)
    expect(r.findings.map((x) => x.code)).toContain('evidence-too-large')
  })
})

describe('verify: traceability', () => {
  async function editTrace(fn: (t: Record<string, unknown>) => void): Promise<VerifyReport> {
    const p = await pack()
    const t = JSON.parse(await p.readText('data/traceability.json'))
    fn(t)
    await p.write('data/traceability.json', JSON.stringify(t, null, 2))
    await p.rehashAll()
    return verify(p)
  }
  const status = (r: VerifyReport, field: string): string | undefined => r.traceability.find((t) => t.field === field)?.status

  it('missing run ID and empty environment -> traceability-missing, with why it matters', async () => {
    const r = await editTrace((t) => {
      delete t.runId
      t.environment = {}
    })
    expect(r.findings.map((f) => [f.code, f.pointer])).toEqual([
      ['traceability-missing', '/runId'],
      ['traceability-missing', '/environment']
    ])
    expect(status(r, 'runId')).toBe('missing')
    expect(r.traceability.find((t) => t.field === 'runId')?.why).toMatch(/pipeline logs/)
    expect(r.evidence.traceability).toBeUndefined()
  })

  it('short commit, bad digest and timestamp -> traceability-invalid', async () => {
    const r = await editTrace((t) => {
      t.commit = '4b825dc'
      t.dataDigest = 'md5:abc'
      t.started = '20 Nov 2026'
    })
    expect(r.findings.map((f) => [f.code, f.pointer])).toEqual([
      ['traceability-invalid', '/commit'],
      ['traceability-invalid', '/dataDigest'],
      ['traceability-invalid', '/started']
    ])
    expect(['commit', 'dataDigest', 'started'].map((f) => status(r, f))).toEqual(['invalid', 'invalid', 'invalid'])
  })

  it('bag-info disagreeing with traceability.json, finished before started -> traceability-inconsistent', async () => {
    const r = await editTrace((t) => {
      t.commit = 'f'.repeat(40)
      t.dataVersion = '2099.1'
      t.finished = '2026-11-20T04:00:00Z'
    })
    expect(r.findings.map((f) => [f.code, f.pointer])).toEqual([
      ['traceability-inconsistent', '/commit'],
      ['traceability-inconsistent', '/dataVersion'],
      ['traceability-inconsistent', '/finished']
    ])
    expect(status(r, 'commit')).toBe('inconsistent')
    expect(r.findings[0]?.expected).toBe('4b825dc642cb6eb9a060e54bf8d69288fbee4904')
  })

  it('Pack-Version in bag-info differing from pack.json -> traceability-inconsistent', async () => {
    const p = await pack()
    await p.editBagInfo('Pack-Version', '9.9.9')
    await p.rehashTagManifest()
    const r = await verify(p)
    expect(r.findings.map((f) => [f.code, f.path, f.actual])).toEqual([['traceability-inconsistent', 'bag-info.txt', '9.9.9']])
  })
})

describe('verify: progress and cancellation', () => {
  it('reports progress up to the total', async () => {
    const p = await pack()
    const events: { filesDone: number; filesTotal: number }[] = []
    await verify(p, { onProgress: (e) => events.push(e) })
    expect(events.at(-1)).toMatchObject({ filesDone: 13, filesTotal: 13 })
  })

  it('cancelled -> status incomplete with verify-cancelled, never verified', async () => {
    const p = await pack()
    const ac = new AbortController()
    ac.abort()
    const r = await verify(p, { signal: ac.signal })
    expect(r).toMatchObject({ ok: false, status: 'incomplete' })
    expect(r.findings.map((f) => f.code)).toEqual(['verify-cancelled'])
  })
})

/** Codes produced (and asserted) by another test file. */
const ELSEWHERE: Record<string, string> = { 'threshold-not-met': 'verify-thresholds.test.ts' }

describe('coverage of finding codes', () => {
  // Runs last (tests in a file run in order): every format code must have been produced above.
  it('every format code was produced by a test in this file (or the file named for it)', () => {
    const untested = FORMAT_CODES.map((c) => c.code).filter((c) => !seen.has(c) && !(c in ELSEWHERE))
    expect(untested).toEqual([])
  })
})
