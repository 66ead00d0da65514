/**
 * The hand-written evidence of the LLM sample. 1.1.0 differs from 1.0.0 as its release notes say:
 * FM-004 new (German replies echo account details, watched by the new MON-07), FM-002 resolved;
 * MON-04 (toxicity classifier) retired in favour of the vendor moderation filter (GR-04), which
 * leaves risk R-03 watched by no signal (the coverage rule's warning); R-01 likelihood raised.
 */
import type { FailuresDoc, GuardrailsDoc, MonitoringDoc, MonitoringSignal, PackDoc, RisksDoc, TraceabilityDoc } from '../../../src/core/format/evidence'
import { digestOf } from '../common'
import { LLM_OWNERS, LLM_PACK_NAME, LLM_REPOSITORY, SUITE, type LlmRelease } from './releases'

export const MODEL_FILES = ['data/model/system-prompt.md', 'data/model/assistant-config.json'] as const

export function llmPackDoc(rel: LlmRelease): PackDoc {
  return {
    schema: 'vouch.pack/v1',
    name: LLM_PACK_NAME,
    version: rel.version,
    ...(rel.previousVersion !== undefined ? { previousVersion: rel.previousVersion } : {}),
    domain: 'nlp',
    description:
      'Drafts replies to customer support tickets at Harbourside Bank (web, app and e-mail, in English, German, French, Spanish and Polish). ' +
      'A self-hosted Llama 3.1 70B Instruct model answers from the help-centre articles a retriever selects; every draft is read and sent by a support agent.',
    model: {
      name: `sta-rag-${rel.version}`,
      framework: `vLLM ${rel.vllm} · Llama-3.1-70B-Instruct · prompt ${rel.promptVersion}`,
      format: 'prompt template + retrieval configuration (weights referenced)',
      files: [...MODEL_FILES],
      external: { uri: 'oci://registry.harbourside-bank.example/llm/llama-3.1-70b-instruct:awq-int4', sha256: digestOf('weights:llama-3.1-70b-instruct-awq').slice(7), sizeBytes: 39_873_495_040 }
    },
    intendedUse: [
      'Drafting replies to retail customers\u2019 support tickets, for a support agent to check, edit and send.',
      'Answering from the approved help-centre articles only, in the customer\u2019s language (en, de, fr, es, pl).'
    ],
    outOfScope: [
      'Sending replies without an agent (no autonomous customer contact).',
      'Credit decisions, complaint outcomes, fraud decisions or any advice on investments.',
      'Disclosing account data beyond what the verified customer supplied in the ticket.'
    ],
    owners: LLM_OWNERS
  }
}

export function llmFailuresDoc(rel: LlmRelease): FailuresDoc {
  const v11 = rel.version === '1.1.0'
  return {
    schema: 'vouch.failures/v1',
    failures: [
      { id: 'FM-001', title: 'Over-refuses legitimate card-dispute questions in Polish', severity: 'medium', slice: 'language-pl', status: 'mitigated', evidence: 'data/evaluation/results.csv', description: 'Refusal prompts tuned per language; residual over-refusal tracked by the refusal accuracy of the slice.' },
      {
        id: 'FM-002',
        title: 'Invents fee amounts when no help-centre article covers the product',
        severity: 'high',
        slice: 'category-fees',
        status: v11 ? 'resolved' : 'open',
        evidence: 'data/evaluation/results.csv',
        description: v11 ? 'Resolved in 1.1.0: fee answers quote the tariff table the retriever now indexes, or hand over to an agent.' : 'Ungrounded fee figures in about 1 in 20 fee answers.',
        monitoredBy: ['MON-02']
      },
      { id: 'FM-003', title: 'Role-play jailbreaks occasionally get account-takeover guidance', severity: 'high', slice: 'suite-red-team', status: 'open', evidence: 'data/evaluation/results.csv', description: 'About 1 in 20 red-team prompts is not refused; agents must send every draft (GR-02).', monitoredBy: ['MON-05'] },
      ...(v11
        ? [
            {
              id: 'FM-004',
              title: 'German replies about payments and cards echo IBANs and card numbers from the ticket history',
              severity: 'high' as const,
              slice: 'language-de',
              status: 'open' as const,
              evidence: 'data/evaluation/results.csv',
              description: 'The new ticket-history summariser copies account details into German reply templates. Agents redact before sending; fix planned for 1.1.1.',
              monitoredBy: ['MON-07']
            }
          ]
        : [])
    ]
  }
}

export function llmRisksDoc(rel: LlmRelease): RisksDoc {
  const v11 = rel.version === '1.1.0'
  return {
    schema: 'vouch.risks/v1',
    risks: [
      {
        id: 'R-01',
        hazard: 'A reply discloses a customer\u2019s personal or account data (UK GDPR, banking secrecy)',
        severity: 'critical',
        likelihood: v11 ? 'possible' : 'unlikely',
        mitigation: 'Input redaction (GR-01), output PII detector, every draft read by an agent (GR-02); data protection officer told of every detected leak.',
        owner: 'Amara Okafor',
        status: 'open',
        monitoredBy: v11 ? ['MON-03', 'MON-07'] : ['MON-03']
      },
      {
        id: 'R-02',
        hazard: 'Wrong or ungrounded answers cause customer detriment (FCA Consumer Duty, consumer understanding)',
        severity: 'high',
        likelihood: 'possible',
        mitigation: 'Answers only from retrieved help-centre articles (GR-05); weekly human audit of 200 conversations.',
        owner: 'Jonas Lindqvist',
        status: 'mitigated',
        monitoredBy: ['MON-01', 'MON-02']
      },
      {
        id: 'R-03',
        hazard: 'Abusive, toxic or discriminatory language in a reply',
        severity: 'high',
        likelihood: 'rare',
        mitigation: v11 ? 'Vendor moderation filter blocks flagged drafts (GR-04).' : 'Toxicity classifier on every draft; flagged drafts blocked (GR-04).',
        owner: 'Amara Okafor',
        status: 'mitigated',
        ...(v11 ? {} : { monitoredBy: ['MON-04'] })
      },
      {
        id: 'R-04',
        hazard: 'Prompt injection or jailbreak makes the assistant help with account takeover or fraud',
        severity: 'high',
        likelihood: 'possible',
        mitigation: 'Refusal policy, injection filter on retrieved text, weekly red-team canary suite.',
        owner: 'Jonas Lindqvist',
        status: 'open',
        monitoredBy: ['MON-05']
      },
      {
        id: 'R-05',
        hazard: 'Automation bias: agents send drafts without reading them',
        severity: 'medium',
        likelihood: 'possible',
        mitigation: 'Send button disabled for 5 seconds; QA samples agent edits monthly.',
        owner: 'Head of Customer Service Operations',
        status: 'open'
      },
      {
        id: 'R-06',
        hazard: 'The LLM judge drifts from human judgement, so evaluation overstates quality',
        severity: 'medium',
        likelihood: 'unlikely',
        mitigation: 'Quarterly human re-audit of 300 items; judge prompt versioned with the release.',
        owner: 'Helen Achterberg',
        status: 'mitigated',
        monitoredBy: ['MON-06']
      }
    ]
  }
}

export function llmMonitoringDoc(rel: LlmRelease): MonitoringDoc {
  const v11 = rel.version === '1.1.0'
  const cxr = 'CX AI risk forum'
  const signals: MonitoringSignal[] = [
    { id: 'MON-01', signal: 'Pass rate on the weekly human audit of 200 sent conversations', metric: 'pass_rate', threshold: 0.8, comparator: '>=', window: '7d', action: 'Open a quality review; roll back the prompt if below 0.75', owner: 'Jonas Lindqvist', escalation: cxr },
    { id: 'MON-02', signal: 'Groundedness of sampled drafts (judge)', metric: 'groundedness_rate', threshold: 0.92, comparator: '>=', window: '7d', action: 'Check the retriever index and help-centre sync', owner: 'Jonas Lindqvist', escalation: cxr },
    { id: 'MON-03', signal: 'PII detector hits on outgoing drafts', metric: 'pii_leak_rate', threshold: 0.01, comparator: '<=', window: '24h', action: 'Switch drafting off for the affected queue; tell the data protection officer', owner: 'Amara Okafor', escalation: 'Data protection officer' },
    ...(v11 ? [] : [{ id: 'MON-04', signal: 'Toxicity classifier flags on drafts', metric: 'toxicity_rate', threshold: 0.003, comparator: '<=' as const, window: '7d', action: 'Review flagged drafts; tighten the filter', owner: 'Amara Okafor', escalation: cxr }]),
    { id: 'MON-05', signal: 'Refusal accuracy on the weekly red-team canary suite', metric: 'refusal_accuracy', slice: 'suite-red-team', threshold: 0.9, comparator: '>=', window: '7d', action: 'Block the release train; patch the refusal policy', owner: 'Jonas Lindqvist', escalation: 'Head of Information Security' },
    { id: 'MON-06', signal: 'Agreement between the LLM judge and human auditors', metric: 'grader_agreement', threshold: 0.7, comparator: '>=', window: 'quarterly', action: 'Recalibrate the judge prompt before the next evaluation', owner: 'Helen Achterberg', escalation: 'Model Risk Committee' },
    ...(v11 ? [{ id: 'MON-07', signal: 'PII detector hits on German drafts', metric: 'pii_leak_rate', slice: 'language-de', threshold: 0.01, comparator: '<=' as const, window: '24h', action: 'Switch German drafting off for payments and cards', owner: 'Amara Okafor', escalation: 'Data protection officer' }] : [])
  ]
  return { schema: 'vouch.monitoring/v1', signals }
}

export function llmGuardrailsDoc(rel: LlmRelease): GuardrailsDoc {
  const v11 = rel.version === '1.1.0'
  return {
    schema: 'vouch.guardrails/v1',
    guardrails: [
      { id: 'GR-01', kind: 'input-validation', setting: 'redact-card-and-account-numbers', value: true, description: 'Card numbers, IBANs and sort codes in the ticket are masked before the prompt is built.' },
      { id: 'GR-02', kind: 'human-review', setting: 'agent-sends-every-draft', value: true, description: 'The assistant never contacts a customer: an agent reads, edits and sends.' },
      { id: 'GR-03', kind: 'rate-limit', setting: 'drafts-per-agent-per-minute', value: 6 },
      { id: 'GR-04', kind: 'output-filter', setting: v11 ? 'vendor-moderation-threshold' : 'toxicity-classifier-threshold', value: v11 ? 0.4 : 0.5, description: v11 ? 'Drafts the vendor moderation endpoint scores at or above this are blocked.' : 'Drafts the in-house toxicity classifier scores at or above this are blocked.' },
      { id: 'GR-05', kind: 'input-validation', setting: 'retrieval-sources', value: 'help-centre-approved', description: 'Only articles approved by Customer Communications are retrieved.' },
      { id: 'GR-06', kind: 'output-filter', setting: 'max-reply-tokens', value: 450 }
    ]
  }
}

export function llmTraceabilityDoc(rel: LlmRelease): TraceabilityDoc {
  return {
    schema: 'vouch.traceability/v1',
    commit: rel.commit,
    repository: LLM_REPOSITORY,
    dataVersion: rel.dataVersion,
    dataDigest: digestOf(`snapshot:${rel.dataVersion}`),
    runId: rel.runId,
    pipeline: 'cx-ai/support-ticket-assistant: evals/run_suite.yaml (in-house graders, Argo Workflows)',
    started: rel.started,
    finished: rel.finished,
    environment: {
      python: '3.11.9',
      vllm: rel.vllm,
      'generation-model': 'meta-llama/Llama-3.1-70B-Instruct (AWQ int4)',
      'judge-model': 'meta-llama/Llama-3.1-405B-Instruct (FP8), judge prompt ' + (rel.version === '1.1.0' ? 'v3' : 'v2'),
      'pii-detector': 'presidio-analyzer 2.2.354 + bank patterns v5',
      os: 'Ubuntu 22.04.4 LTS'
    },
    datasets: [
      { id: SUITE.id, version: 'v7', digest: digestOf(`suite:${SUITE.id}:v7`), splits: [SUITE.test, SUITE.audit] },
      { id: 'help-centre-index', version: rel.version === '1.1.0' ? '2025-09-15' : '2025-05-30', digest: digestOf(`kb:${rel.version}`), splits: ['index'] }
    ]
  }
}
