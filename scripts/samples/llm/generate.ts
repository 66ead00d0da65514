/** Every data/ file of one release of the LLM sample: pack path -> content. */
import { EVIDENCE_PATHS } from '../../../src/core/format/evidence'
import { jsonText } from '../common'
import { assistantConfig, AUDIT_PATH, auditCsv, llmModelCard, llmPredictionsDescriptor, resultsCsv, RESULTS_PATH, systemPrompt } from './artifacts'
import { llmFailuresDoc, llmGuardrailsDoc, llmMonitoringDoc, llmPackDoc, llmRisksDoc, llmTraceabilityDoc, MODEL_FILES } from './documents'
import { llmMetrics, llmSlices } from './evaluate'
import { grade, humanAudit, suite, type Item } from './items'
import { LLM_PACK_NAME, type LlmRelease } from './releases'

export function llmReleaseFiles(rel: LlmRelease, items: readonly Item[] = suite()): ReadonlyMap<string, string> {
  const graded = grade(items, rel.behaviour)
  const audit = humanAudit(graded, rel.judgeDisagreement)
  const pack = llmPackDoc(rel)
  const metrics = llmMetrics(graded, audit)
  const slices = llmSlices(graded)
  const failures = llmFailuresDoc(rel)
  return new Map<string, string>([
    [EVIDENCE_PATHS.pack, jsonText(pack)],
    [EVIDENCE_PATHS.metrics, jsonText({ schema: 'vouch.metrics/v1', metrics })],
    [EVIDENCE_PATHS.slices, jsonText({ schema: 'vouch.slices/v1', slices })],
    [EVIDENCE_PATHS.failures, jsonText(failures)],
    [EVIDENCE_PATHS.risks, jsonText(llmRisksDoc(rel))],
    [EVIDENCE_PATHS.monitoring, jsonText(llmMonitoringDoc(rel))],
    [EVIDENCE_PATHS.guardrails, jsonText(llmGuardrailsDoc(rel))],
    [EVIDENCE_PATHS.traceability, jsonText(llmTraceabilityDoc(rel))],
    [MODEL_FILES[0], systemPrompt(rel)],
    [MODEL_FILES[1], assistantConfig(rel)],
    [RESULTS_PATH, resultsCsv(graded)],
    [AUDIT_PATH, auditCsv(audit)],
    ['data/evaluation/predictions.json', jsonText(llmPredictionsDescriptor())],
    ['data/model-card.md', llmModelCard(rel, pack, metrics, slices, failures)]
  ])
}

export function llmDirName(rel: LlmRelease): string {
  return `${LLM_PACK_NAME}-${rel.version}`
}
