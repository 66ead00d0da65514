/**
 * The predictions descriptor's own checks, shared by `vouch build` and verification so the two
 * agree: strict JSON and schema (parsePredictionsDoc), then its references: each file's dataset
 * and split declared in traceability.json, each path a payload file of the pack. Pure.
 */
import type { Finding } from '../findings'
import { formatFinding } from '../format/codes'
import type { DatasetRef } from '../format/evidence'
import { MAX_EVIDENCE_BYTES } from '../format/evidence-parse'
import { recomputeFinding } from './codes'
import { parsePredictionsDoc, PREDICTIONS_PATH, type PredictionsDoc, type PredictionsFile } from '../format/predictions'

/** Two shards of one dataset and split must be read the same way. */
export function sameShape(a: PredictionsFile, b: PredictionsFile): boolean {
  return JSON.stringify(a.columns) === JSON.stringify(b.columns) && a.positive === b.positive && (a.task ?? 'binary') === (b.task ?? 'binary')
}

/**
 * The descriptor's references (reference-unresolved: dataset and split declared in
 * traceability.json, unchecked when `datasets` is undefined; path a payload file) and its shards'
 * agreement (predictions-invalid), in file order.
 */
export function descriptorReferences(files: readonly PredictionsFile[], datasets: readonly DatasetRef[] | undefined, present: ReadonlySet<string>): Finding[] {
  const out: Finding[] = []
  const firstOf = new Map<string, PredictionsFile>()
  files.forEach((f, i) => {
    const ptr = `/files/${i}`
    const ref = (pointer: string, what: string, expected: string, actual: string): void => {
      out.push(formatFinding('reference-unresolved', `${PREDICTIONS_PATH}${pointer}: ${what}`, { path: PREDICTIONS_PATH, pointer, expected, actual }))
    }
    const d = datasets?.find((x) => x.id === f.dataset)
    if (datasets && !d) ref(`${ptr}/dataset`, `dataset "${f.dataset}" is not declared in data/traceability.json datasets`, 'a dataset id declared in data/traceability.json', f.dataset)
    else if (d && !d.splits.includes(f.split)) ref(`${ptr}/split`, `split "${f.split}" is not a split of dataset "${d.id}"`, `one of ${d.splits.join(', ')}`, f.split)
    if (!present.has(f.path.normalize('NFC'))) ref(`${ptr}/path`, `predictions file "${f.path}" is not a payload file of the pack`, 'a payload file listed in manifest-sha256.txt', f.path)
    const key = JSON.stringify([f.dataset, f.split])
    const first = firstOf.get(key)
    if (!first) firstOf.set(key, f)
    else if (!sameShape(first, f)) {
      out.push(recomputeFinding('predictions-invalid', `${PREDICTIONS_PATH}${ptr}: a shard of dataset ${f.dataset} split ${f.split} declares other columns, task or positive class than ${first.path}`, { path: PREDICTIONS_PATH, pointer: ptr }))
    }
  })
  return out
}

/**
 * Everything wrong with data/evaluation/predictions.json that can be told without reading the
 * predictions themselves. `bytes` is 'too-large' past MAX_EVIDENCE_BYTES (not parsed).
 */
export function checkDescriptor(bytes: Uint8Array | 'too-large', datasets: readonly DatasetRef[] | undefined, present: ReadonlySet<string>): { readonly doc?: PredictionsDoc; readonly findings: readonly Finding[] } {
  if (bytes === 'too-large') {
    return { findings: [formatFinding('evidence-too-large', `${PREDICTIONS_PATH} is larger than ${MAX_EVIDENCE_BYTES} bytes and was not parsed`, { path: PREDICTIONS_PATH, expected: `<= ${MAX_EVIDENCE_BYTES} bytes` })] }
  }
  const parsed = parsePredictionsDoc(bytes)
  if (!parsed.doc) return { findings: parsed.findings }
  return { doc: parsed.doc, findings: [...parsed.findings, ...descriptorReferences(parsed.doc.files, datasets, present)] }
}
