/** Test helpers: a fake core and host deps, so handler and host tests run without real packs. */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ScanProgress } from '../../core/io/reader'
import { assessReports } from '../../core/assess'
import type { PackDiff, VerifyReport } from '../../shared/domain'
import type { EventName, EventPayload } from '../../shared/contract'
import type { CoreApi } from './core-adapter'
import type { HostDeps } from './types'

export function fakeReport(location: string, over: Partial<VerifyReport> = {}): VerifyReport {
  return {
    ok: true,
    status: 'verified',
    container: 'folder',
    location,
    pack: { name: 'credit-risk', version: '2.0.0', digest: 'ab'.repeat(32), previousVersion: '1.0.0' },
    bagInfo: [],
    evidence: {},
    traceability: [],
    files: [],
    signoffs: [],
    findings: [],
    stats: { filesChecked: 3, bytesChecked: 300, durationMs: 1 },
    ...over
  }
}

/** verifyPack reports progress every 5 ms until `steps` is reached or the signal aborts. */
export function fakeCore(opts: { steps?: number; stepMs?: number } = {}): CoreApi & { readonly verified: string[] } {
  const verified: string[] = []
  return {
    verified,
    verifyPack: async (location, { signal, onProgress }) => {
      const steps = opts.steps ?? 3
      for (let i = 1; i <= steps; i++) {
        if (signal.aborted) return fakeReport(location, { ok: false, status: 'incomplete' })
        const p: ScanProgress = { filesDone: i, filesTotal: steps, bytesDone: i * 100, bytesTotal: steps * 100 }
        onProgress(p)
        await new Promise((r) => setTimeout(r, opts.stepMs ?? 5))
      }
      verified.push(location)
      return fakeReport(location)
    },
    diffPacks: (o, n) => ({ verdict: { level: 'acceptable', summary: `${o.location} -> ${n.location}`, reasons: [] } }) as unknown as PackDiff,
    checklist: () => [{ id: 'intended-use', text: 'Intended use still accurate' }],
    assess: (report) => assessReports(report),
    sign: async () => ({ signoffPath: 'signoffs/x.json' }),
    createKey: async (name) => ({ keyFileText: '{"encrypted":true}', publicKeyLine: `ed25519 ${Buffer.alloc(32, 1).toString('base64')} ${name}` }),
    describeKeyFile: () => ({ publicKeyLine: `ed25519 ${Buffer.alloc(32, 2).toString('base64')} imported`, role: 'owner' }),
    trustProblems: (text) => (text.includes('garbage') ? [{ line: 1, message: 'not a trust line' }] : []),
    renderAttestation: async () => new Uint8Array([0x25, 0x50, 0x44, 0x46]),
    loadCurves: async () => ({ kind: 'unavailable', reason: 'the pack ships no predictions' })
  }
}

export interface RecordedEvent {
  readonly event: EventName
  readonly payload: unknown
}

export function fakeDeps(userDataDir: string, samplesDir: string, over: Partial<HostDeps> = {}): HostDeps & { readonly events: RecordedEvent[] } {
  const events: RecordedEvent[] = []
  return {
    events,
    host: 'serve',
    version: '0.0.0-test',
    userDataDir,
    samplesDir,
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void events.push({ event, payload }),
    log: { warn: () => undefined, error: () => undefined },
    deliverFile: async (bytes, name) => ({ kind: 'download', url: `/download/x/${name}`, fileName: name, bytes: bytes.byteLength, sha256: 'x' }),
    progressIntervalMs: 20,
    ...over
  }
}

/** A folder that looks like a pack to pack:open (bagit.txt + bag-info.txt). */
export async function makePackFolder(dir: string, labels: { name?: string; version?: string; previous?: string } = {}): Promise<string> {
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')
  const lines = [
    labels.name ? `Pack-Name: ${labels.name}` : '',
    labels.version ? `Pack-Version: ${labels.version}` : '',
    labels.previous ? `Previous-Version: ${labels.previous}` : ''
  ].filter(Boolean)
  await writeFile(join(dir, 'bag-info.txt'), `${lines.join('\n')}\n`)
  return dir
}
