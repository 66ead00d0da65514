/**
 * Cross-document checks on typed evidence: unique ids, references that resolve, confidence
 * intervals that make sense, and (informational) metrics that miss their own threshold.
 */
import type { Finding } from '../findings'
import { formatFinding } from './codes'
import { thresholdMet } from './decimal'
import { EVIDENCE_PATHS, type Evidence } from './evidence'

function uniqueIds(items: readonly { readonly id: string }[] | undefined, path: string, arrayKey: string, out: Finding[]): Set<string> {
  const ids = new Set<string>()
  items?.forEach((it, i) => {
    if (ids.has(it.id)) {
      out.push(formatFinding('duplicate-id', `${path}: id "${it.id}" is used more than once`, { path, pointer: `/${arrayKey}/${i}/id`, actual: it.id }))
    }
    ids.add(it.id)
  })
  return ids
}

function unresolved(path: string, pointer: string, what: string, value: string, where: string): Finding {
  return formatFinding('reference-unresolved', `${path}${pointer}: ${what} "${value}" is not declared in ${where}`, { path, pointer, actual: value, expected: `an id declared in ${where}` })
}

/**
 * `payloadPaths`: pack paths of the payload files present (for model.files); omit to skip that check.
 */
export function checkReferences(ev: Evidence, payloadPaths?: Pick<ReadonlySet<string>, 'has'>): Finding[] {
  const out: Finding[] = []
  const P = EVIDENCE_PATHS
  const metricIds = uniqueIds(ev.metrics?.metrics, P.metrics, 'metrics', out)
  const sliceIds = uniqueIds(ev.slices?.slices, P.slices, 'slices', out)
  uniqueIds(ev.failures?.failures, P.failures, 'failures', out)
  uniqueIds(ev.risks?.risks, P.risks, 'risks', out)
  const signalIds = uniqueIds(ev.monitoring?.signals, P.monitoring, 'signals', out)
  uniqueIds(ev.guardrails?.guardrails, P.guardrails, 'guardrails', out)
  const datasets = ev.traceability?.datasets
  uniqueIds(datasets, P.traceability, 'datasets', out)
  const datasetById = new Map((datasets ?? []).map((d) => [d.id, d]))

  ev.metrics?.metrics.forEach((m, i) => {
    if (ev.traceability) {
      const d = datasetById.get(m.dataset)
      if (!d) out.push(unresolved(P.metrics, `/metrics/${i}/dataset`, 'dataset', m.dataset, `${P.traceability} datasets`))
      else if (!d.splits.includes(m.split)) out.push(unresolved(P.metrics, `/metrics/${i}/split`, 'split', m.split, `the splits of dataset "${d.id}" in ${P.traceability}`))
    }
    if (m.ci && !(m.ci.lower <= m.ci.upper)) {
      out.push(formatFinding('schema-invalid', `${P.metrics}/metrics/${i}/ci: lower ${m.ci.lower} is above upper ${m.ci.upper}`, { path: P.metrics, pointer: `/metrics/${i}/ci`, expected: 'lower <= upper', actual: `${m.ci.lower} > ${m.ci.upper}` }))
    }
    if (thresholdMet(m) === false) {
      out.push(formatFinding('threshold-not-met', `${P.metrics}: metric "${m.id}" = ${m.valueLiteral} does not meet its threshold ${m.comparator} ${m.thresholdLiteral}`, { path: P.metrics, pointer: `/metrics/${i}/value`, expected: `${m.comparator} ${m.thresholdLiteral}`, actual: m.valueLiteral }))
    }
  })
  if (ev.metrics) {
    ev.slices?.slices.forEach((s, i) => {
      for (const k of Object.keys(s.metrics)) {
        if (!metricIds.has(k)) out.push(unresolved(P.slices, `/slices/${i}/metrics/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, 'metric', k, P.metrics))
      }
    })
    ev.monitoring?.signals.forEach((s, i) => {
      if (!metricIds.has(s.metric)) out.push(unresolved(P.monitoring, `/signals/${i}/metric`, 'metric', s.metric, P.metrics))
    })
  }
  if (ev.slices) {
    ev.failures?.failures.forEach((f, i) => {
      if (f.slice !== undefined && !sliceIds.has(f.slice)) out.push(unresolved(P.failures, `/failures/${i}/slice`, 'slice', f.slice, P.slices))
    })
    ev.monitoring?.signals.forEach((s, i) => {
      if (s.slice !== undefined && !sliceIds.has(s.slice)) out.push(unresolved(P.monitoring, `/signals/${i}/slice`, 'slice', s.slice, P.slices))
    })
  }
  if (ev.monitoring) {
    // monitoredBy names signals of the plan (what they are worth is the coverage rule's business, src/core/coverage).
    const watched = (items: readonly { readonly monitoredBy?: readonly string[] }[] | undefined, path: string, key: string): void =>
      items?.forEach((it, i) =>
        it.monitoredBy?.forEach((s, j) => {
          if (!signalIds.has(s)) out.push(unresolved(path, `/${key}/${i}/monitoredBy/${j}`, 'monitoring signal', s, P.monitoring))
        })
      )
    watched(ev.risks?.risks, P.risks, 'risks')
    watched(ev.failures?.failures, P.failures, 'failures')
  }
  if (payloadPaths) {
    ev.pack?.model.files?.forEach((f, i) => {
      if (!payloadPaths.has(f.normalize('NFC'))) {
        out.push(formatFinding('reference-unresolved', `${P.pack}/model/files/${i}: model file "${f}" is not a payload file of the pack`, { path: P.pack, pointer: `/model/files/${i}`, actual: f, expected: 'a payload file listed in manifest-sha256.txt' }))
      }
    })
  }
  return out
}
