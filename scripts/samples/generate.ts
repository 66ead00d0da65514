/**
 * Writes the sample releases as BagIt folders: evidence and payload under data/, then the tag files
 * through the product's own builder (buildPack), so the samples are exactly what `vouch build` makes.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { buildPack } from '../../src/core/build/build'
import { EVIDENCE_PATHS } from '../../src/core/format/evidence'
import { calibrationCsv, modelFiles, predictionsCsv, predictionsDescriptor } from './artifacts'
import { failuresDoc, guardrailsDoc, monitoringDoc, packDoc, risksDoc, traceabilityDoc } from './documents'
import { HOLDOUT, metricsFor, slicesFor } from './evaluate'
import { modelCard } from './model-card'
import { population, score, type Applicant } from './population'
import { PACK_NAME, RELEASES, type Release } from './releases'

export const HOLDOUT_SIZE = 30_000
export const OOT_SIZE = 14_000

/** JSON as the packs hold it: two-space indent, LF, trailing newline. */
export function jsonText(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`
}

export interface Populations {
  readonly holdout: readonly Applicant[]
  readonly oot: readonly Applicant[]
}

export function populations(): Populations {
  return {
    holdout: population('applications-2024q4-holdout', HOLDOUT_SIZE, 'A'),
    oot: population('applications-2025q1-oot', OOT_SIZE, 'B', 0.08)
  }
}

/** Every data/ file of one release: pack path -> content. */
export function releaseFiles(rel: Release, pops: Populations = populations()): ReadonlyMap<string, string> {
  const holdout = score(pops.holdout, rel.model, 'holdout')
  const oot = score(pops.oot, rel.model, 'oot')
  const pack = packDoc(rel)
  const metrics = metricsFor(rel, holdout, oot)
  const slices = slicesFor(rel, holdout)
  const failures = failuresDoc(rel)
  const trace = traceabilityDoc(rel)
  const model = modelFiles(rel)
  return new Map<string, string>([
    [EVIDENCE_PATHS.pack, jsonText(pack)],
    [EVIDENCE_PATHS.metrics, jsonText({ schema: 'vouch.metrics/v1', metrics })],
    [EVIDENCE_PATHS.slices, jsonText({ schema: 'vouch.slices/v1', slices })],
    [EVIDENCE_PATHS.failures, jsonText(failures)],
    [EVIDENCE_PATHS.risks, jsonText(risksDoc(rel))],
    [EVIDENCE_PATHS.monitoring, jsonText(monitoringDoc(rel))],
    [EVIDENCE_PATHS.guardrails, jsonText(guardrailsDoc(rel))],
    [EVIDENCE_PATHS.traceability, jsonText(trace)],
    ['data/model/model.txt', model.modelTxt],
    ['data/model/feature-importance.csv', model.importanceCsv],
    ['data/evaluation/predictions-holdout.csv', predictionsCsv(rel, holdout)],
    ['data/evaluation/predictions.json', jsonText(predictionsDescriptor(HOLDOUT.id, HOLDOUT.split))],
    ['data/evaluation/calibration.csv', calibrationCsv(holdout)],
    ['data/model-card.md', modelCard(rel, pack, metrics, slices, failures, trace)]
  ])
}

export function sampleDirName(rel: Release): string {
  return `${PACK_NAME.replace(/-risk$/, '')}-${rel.version}`
}

/** Writes data/ files into `dir` (which must not exist or will be replaced) and builds the bag. */
export async function writeRelease(dir: string, files: ReadonlyMap<string, string>): Promise<string> {
  await rm(dir, { recursive: true, force: true })
  for (const [path, text] of files) {
    const abs = join(dir, ...path.split('/'))
    await mkdir(dirname(abs), { recursive: true })
    await writeFile(abs, text)
  }
  const r = await buildPack(dir)
  if (!r.ok || r.digest === undefined) {
    const msgs = r.findings.map((f) => `${f.severity} ${f.code} ${f.path ?? ''}: ${f.message}`).join('\n')
    throw new Error(`building ${dir} failed:\n${msgs}`)
  }
  return r.digest
}

/** Generates both releases under `root`; returns folder name -> pack digest. */
export async function generateSamples(root: string): Promise<ReadonlyMap<string, string>> {
  const pops = populations()
  const out = new Map<string, string>()
  for (const rel of RELEASES) {
    const name = sampleDirName(rel)
    out.set(name, await writeRelease(join(root, name), releaseFiles(rel, pops)))
  }
  return out
}
