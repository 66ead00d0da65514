/**
 * Recomputation started while a folder is still being hashed (verify/verify.ts): the hash workers
 * keep both cores busy for most of a verification, and the main thread only waits for them. The
 * claims are recomputed meanwhile from the files as they are on disk, read directly:
 *
 * - the evidence JSON and the predictions descriptor (regular files only, at most the verifier's
 *   evidence cap each);
 * - the predictions files, hashed as they are read and checked against manifest-sha256.txt, as the
 *   verifier's own recomputation checks them against the hashes that verified.
 *
 * The result is a guess until the scan is done. It is used only when it was computed from exactly
 * the inputs the verifier's recomputation would take (sameInputs): the same bytes of every evidence
 * file and of the descriptor as the scan kept, and for every predictions file the same presence and
 * the same verified SHA-256. reproduce() is a function of those inputs, so the report is the one
 * the recomputation after the scan gives; in every other case (a changed, missing, refused or
 * failing file) the guess is dropped and the claims are recomputed after the scan, as before.
 */
import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { EVIDENCE_PATHS } from '../format/evidence'
import { MAX_EVIDENCE_BYTES, parseEvidence } from '../format/evidence-parse'
import { parseManifest, PAYLOAD_MANIFEST } from '../format/manifest'
import { parsePredictionsDoc, PREDICTIONS_PATH } from '../format/predictions'
import { bagRoot, type FolderReader } from '../io/folder-reader'
import type { ScannedFile } from '../io/reader'
import { reproduce, type ReproduceInput, type ReproduceResult } from './reproduce'
import { payloadOpener } from './source-node'
import { jsonNodeOf } from './verify-step'

/** A manifest this large is read by the scan alone (the guess is skipped). */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024

export interface EarlyRecompute {
  /** Bytes of each evidence file and of the descriptor as read (undefined: not a regular file here). */
  readonly contents: ReadonlyMap<string, Uint8Array | undefined>
  /** The predictions files the descriptor names (NFC). */
  readonly paths: readonly string[]
  readonly input: Pick<ReproduceInput, 'verified' | 'present'>
  readonly result: ReproduceResult
}

const WATCHED = [...Object.values(EVIDENCE_PATHS), PREDICTIONS_PATH]

/** A regular file's bytes, at most `cap` of them; undefined for anything else (missing, a link, a FIFO, too large). */
async function readSmall(abs: string, cap: number): Promise<Uint8Array | undefined> {
  let fh
  try {
    fh = await open(abs, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0))
  } catch {
    return undefined
  }
  try {
    const st = await fh.stat()
    if (!st.isFile() || st.size > cap) return undefined
    const buf = await fh.readFile()
    return buf.length > cap ? undefined : new Uint8Array(buf.buffer, buf.byteOffset, buf.length)
  } catch {
    return undefined
  } finally {
    await fh.close()
  }
}

/**
 * Starts the guess for the folder `reader` reads; resolves undefined when there is nothing worth
 * guessing (no predictions) or anything is unusual. Never rejects.
 */
export function startEarlyRecompute(reader: FolderReader, signal?: AbortSignal): Promise<EarlyRecompute | undefined> {
  return early(reader, signal).catch(() => undefined)
}

async function early(reader: FolderReader, signal: AbortSignal | undefined): Promise<EarlyRecompute | undefined> {
  const root = await bagRoot(reader.location)
  const at = (p: string): string => join(root, ...p.split('/'))
  const contents = new Map<string, Uint8Array | undefined>()
  await Promise.all(WATCHED.map(async (p) => contents.set(p, await readSmall(at(p), MAX_EVIDENCE_BYTES))))
  const descriptor = contents.get(PREDICTIONS_PATH)
  const doc = descriptor ? parsePredictionsDoc(descriptor).doc : undefined
  if (!descriptor || !doc) return undefined
  const paths = doc.files.map((f) => f.path.normalize('NFC'))
  const manifestBytes = await readSmall(at(PAYLOAD_MANIFEST), MAX_MANIFEST_BYTES)
  if (!manifestBytes || signal?.aborted) return undefined
  const listed = new Map(parseManifest(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes), PAYLOAD_MANIFEST, 'payload', []).map((e) => [e.path, e.sha256]))
  const verified = new Map<string, string>()
  const present = new Set<string>()
  for (const p of paths) {
    const sha = listed.get(p)
    if (sha === undefined) return undefined
    verified.set(p, sha)
    present.add(p)
  }
  const evidenceBytes = new Map<string, Uint8Array>()
  for (const p of Object.values(EVIDENCE_PATHS)) {
    const b = contents.get(p)
    if (b) evidenceBytes.set(p, b)
  }
  const evidence = parseEvidence(evidenceBytes).evidence
  const metrics = jsonNodeOf(contents.get(EVIDENCE_PATHS.metrics))
  const slices = jsonNodeOf(contents.get(EVIDENCE_PATHS.slices))
  const result = await reproduce({
    evidence,
    nodes: { ...(metrics ? { metrics } : {}), ...(slices ? { slices } : {}) },
    descriptor,
    verified,
    present,
    open: payloadOpener(reader, paths, signal)
  })
  return { contents, paths, input: { verified, present }, result }
}

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b)

/**
 * True when the guess took exactly the inputs of the recomputation after the scan: every watched
 * file present in the scan with the same bytes (or absent from both), and every predictions file
 * equally present and verified with the same SHA-256.
 */
export function sameInputs(e: EarlyRecompute, scanned: ReadonlyMap<string, ScannedFile>, inp: Pick<ReproduceInput, 'verified' | 'present'>): boolean {
  for (const p of WATCHED) {
    const f = scanned.get(p)
    const mine = e.contents.get(p)
    if (f === undefined ? mine !== undefined : f.content === undefined || !sameBytes(mine, f.content)) return false
  }
  return e.paths.every((p) => e.input.present.has(p) === inp.present.has(p) && e.input.verified.get(p) === inp.verified.get(p))
}
