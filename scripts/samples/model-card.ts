/** data/model-card.md: the human-readable summary a validator reads first, built from the evidence. */
import type { FailuresDoc, PackDoc, Slice, TraceabilityDoc } from '../../src/core/format/evidence'
import { thousands } from './common'
import type { MetricFile } from './evaluate'
import type { Release } from './releases'


export function modelCard(
  rel: Release,
  pack: PackDoc,
  metrics: readonly MetricFile[],
  slices: readonly Slice[],
  failures: FailuresDoc,
  trace: TraceabilityDoc
): string {
  const m = (id: string): MetricFile | undefined => metrics.find((x) => x.id === id)
  const row = (x: MetricFile): string =>
    `| ${x.name ?? x.id} | ${x.value} | ${x.comparator && x.threshold !== undefined ? `${x.comparator} ${x.threshold}` : 'n/a'} | ${x.dataset} (${x.split}, n=${thousands(x.sampleSize)}) |`
  const critical = slices.filter((s) => s.critical)
  const auc = m('auc')
  const changes =
    rel.version === '1.1.0'
      ? [
          '## Changes since 1.0.0',
          '',
          '- Added bureau-trend features (`bureau_score_trend_6m`, `balance_trend_3m`) and `income_source`; 520 boosting rounds (was 400).',
          '- `months_at_address` is monotone-constrained, which resolves FM-001.',
          '- Auto-approve cutoff lowered from 0.06 to 0.055 PD (guardrail GR-03) to hold the approved bad rate.',
          '- **Known regression:** thin-file applicants under 25 rank worse than in 1.0.0 (FM-004, critical slice `age-18-24-thin-file`), watched in production by MON-06.',
          '- Telesales slice retired (channel closed June 2025); gig-platform income slice added.',
          ''
        ]
      : []
  return [
    `# Model card: ${pack.name} ${pack.version}`,
    '',
    pack.description,
    '',
    `- **Model:** ${pack.model.name} (${pack.model.framework}, ${rel.trees} trees, ${rel.features.length} features)`,
    `- **Owners:** ${pack.owners.map((o) => `${o.name} (${o.role})`).join('; ')}`,
    `- **Training run:** ${trace.runId}, commit \`${trace.commit}\`, data ${trace.dataVersion}`,
    `- **Headline:** ROC AUC ${auc?.value ?? '?'} on the 2024 Q4 holdout (95% CI ${auc?.ci?.lower ?? '?'} to ${auc?.ci?.upper ?? '?'})`,
    '',
    ...changes,
    '## Intended use',
    '',
    ...pack.intendedUse.map((u) => `- ${u}`),
    '',
    '## Out of scope',
    '',
    ...pack.outOfScope.map((u) => `- ${u}`),
    '',
    '## Performance',
    '',
    '| Metric | Value | Threshold | Dataset |',
    '| --- | ---: | --- | --- |',
    ...metrics.map(row),
    '',
    '## Critical slices',
    '',
    '| Slice | Definition | n | AUC | Approval rate |',
    '| --- | --- | ---: | ---: | ---: |',
    ...critical.map((s) => `| ${s.id} | \`${s.definition}\` | ${thousands(s.sampleSize)} | ${s.metrics.auc ?? 'n/a'} | ${s.metrics.approval_rate ?? 'n/a'} |`),
    '',
    'Every figure can be recomputed from `evaluation/predictions-holdout.csv` (PD, outcome and slice attributes per application).',
    '',
    '## Limitations',
    '',
    ...failures.failures.map((f) => `- **${f.id}** (${f.severity}, ${f.status}): ${f.title}.`),
    '- Outcomes are 12-month defaults (90+ days past due or charge-off); applications declined by policy have no outcome and are not reject-inferred.',
    '',
    '## Ethical considerations',
    '',
    'Age is used as a feature under the Equality Act 2010 financial-services exception, with approval rates by age band reviewed quarterly (risk R-01). ' +
      'Protected characteristics other than age are not used and are not available to the model.',
    ''
  ].join('\n')
}
