/**
 * Section 2: the evaluation in brief. Metrics with thresholds and pass/fail; slices as a summary
 * plus critical and regressed slices in full (a pack may have thousands: the rest are in the
 * attached verification.json); open failure modes; top risks; the monitoring plan.
 */
import type { Evidence, Likelihood, Metric, Severity4, Slice } from '../../format/evidence'
import { cell, heading, mono, para, type Block, type Row } from '../layout/blocks'
import { thresholdMet, valueMeetsThreshold } from '../../format/decimal'
import { fmtInt, fmtNum, plural } from './format'

export const TOP_RISKS = 10
export const MAX_SIGNALS = 25
export const MAX_REGRESSED_SLICES = 200

const SEVERITY: Record<Severity4, number> = { low: 1, medium: 2, high: 3, critical: 4 }
const LIKELIHOOD: Record<Likelihood, number> = { rare: 1, unlikely: 2, possible: 3, likely: 4, 'almost-certain': 5 }

// Exactly on the literals, as the verifier decides (docs/pack-format.md): never on doubles.
const metricPasses = (m: Metric): boolean | undefined => thresholdMet(m)

function sliceCell(s: Slice, metrics: ReadonlyMap<string, Metric>): string {
  return Object.entries(s.metrics)
    .map(([id, v]) => {
      const m = metrics.get(id)
      const ok = m ? valueMeetsThreshold(v, m) : undefined
      return `${id} ${fmtNum(v)}${ok === false ? ' ✗' : ''}`
    })
    .join(' · ')
}

function sliceFails(s: Slice, metrics: ReadonlyMap<string, Metric>): boolean {
  return Object.entries(s.metrics).some(([id, v]) => {
    const m = metrics.get(id)
    return m !== undefined && valueMeetsThreshold(v, m) === false
  })
}

export function evaluationSection(ev: Evidence, regressedSlices: readonly string[]): Block[] {
  const blocks: Block[] = [heading('2. Evaluation summary'), heading('Metrics', 2)]
  const metrics = ev.metrics?.metrics ?? []
  const byId = new Map(metrics.map((m) => [m.id, m]))
  if (!ev.metrics) blocks.push(para('No valid metrics document in the pack.', 'bad'))
  else if (metrics.length === 0) blocks.push(para('The pack declares no metrics.', 'warn'))
  else {
    const failing = metrics.filter((m) => metricPasses(m) === false).length
    blocks.push(para(`${plural(metrics.length, 'metric')}; ${failing === 0 ? 'every metric with a threshold meets it' : `${fmtInt(failing)} below threshold`}.`, failing ? 'bad' : undefined))
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'Metric', width: 21 },
        { title: 'Value', width: 10, align: 'right' },
        { title: 'Threshold', width: 12 },
        { title: 'Result', width: 9 },
        { title: 'Dataset / split', width: 21 },
        { title: 'n', width: 9, align: 'right' },
        { title: 'CI', width: 18 }
      ],
      rows: metrics.map((m): Row => {
        const pass = metricPasses(m)
        return {
          cells: [
            cell(m.name ? `${m.name} (${m.id})` : m.id, undefined, 'bold'),
            mono(m.valueLiteral || fmtNum(m.value)),
            mono(m.comparator && m.threshold !== undefined ? `${m.comparator} ${m.thresholdLiteral ?? fmtNum(m.threshold)}` : '—'),
            pass === undefined ? cell('none', 'muted') : cell(pass ? 'pass' : 'FAIL', pass ? 'ok' : 'bad', 'bold'),
            `${m.dataset} / ${m.split}`,
            fmtInt(m.sampleSize),
            m.ci ? `${fmtNum(m.ci.lower)}–${fmtNum(m.ci.upper)} (${Math.round(m.ci.level * 100)}%)` : '—'
          ]
        }
      })
    })
  }

  blocks.push(heading('Slices', 2))
  const slices = ev.slices?.slices ?? []
  if (!ev.slices) blocks.push(para('No valid slices document in the pack.', 'warn'))
  else {
    const regressed = new Set(regressedSlices)
    const critical = slices.filter((s) => s.critical)
    const failing = slices.filter((s) => sliceFails(s, byId))
    // Critical slices always in full; regressed ones up to a cap (the diff lists every one).
    let regressedBudget = MAX_REGRESSED_SLICES
    const shown = slices.filter((s) => s.critical || (regressed.has(s.id) && regressedBudget-- > 0))
    const regressedNotShown = Math.max(0, slices.filter((s) => !s.critical && regressed.has(s.id)).length - MAX_REGRESSED_SLICES)
    blocks.push(
      para(
        `${plural(slices.length, 'slice')}: ${fmtInt(critical.length)} critical, ${fmtInt(failing.length)} with a metric below its overall threshold (✗)` +
          (regressedSlices.length ? `, ${fmtInt(regressed.size)} regressed against the previous release` : '') +
          `. Critical${regressedSlices.length ? ' and regressed' : ''} slices are listed in full${regressedNotShown ? ` (regressed non-critical slices: the first ${fmtInt(MAX_REGRESSED_SLICES)}; ${fmtInt(regressedNotShown)} more are in the attached diff.json)` : ''}${slices.length > shown.length ? `; the other ${fmtInt(slices.length - shown.length)} slices are in the attached verification.json` : ''}.`
      )
    )
    if (shown.length > 0)
      blocks.push({
        kind: 'table',
        columns: [
          { title: 'Slice', width: 20 },
          { title: 'Definition', width: 28 },
          { title: 'n', width: 8, align: 'right' },
          { title: 'Flags', width: 11 },
          { title: 'Metrics', width: 33 }
        ],
        rows: shown.map((s) => {
          const flags = [s.critical ? 'critical' : '', regressed.has(s.id) ? 'regressed' : ''].filter(Boolean).join(', ')
          return {
            cells: [
              cell(s.name ? `${s.name} (${s.id})` : s.id, undefined, 'bold'),
              s.definition,
              fmtInt(s.sampleSize),
              cell(flags, regressed.has(s.id) ? 'bad' : 'warn', 'bold'),
              cell(sliceCell(s, byId), sliceFails(s, byId) ? 'bad' : undefined)
            ]
          }
        })
      })
  }

  blocks.push(heading('Open failure modes', 2))
  const failures = ev.failures?.failures ?? []
  const open = failures.filter((f) => f.status === 'open').sort((a, b) => SEVERITY[b.severity] - SEVERITY[a.severity] || a.id.localeCompare(b.id))
  const others = new Map<string, number>()
  for (const f of failures) if (f.status !== 'open') others.set(f.status, (others.get(f.status) ?? 0) + 1)
  const otherText = [...others.entries()].map(([k, n]) => `${fmtInt(n)} ${k}`).join(', ')
  if (!ev.failures) blocks.push(para('No valid failure-modes document in the pack.', 'warn'))
  else if (open.length === 0) blocks.push(para(`None open${otherText ? ` (${otherText})` : ''}.`, 'ok'))
  else {
    blocks.push(para(`${plural(open.length, 'open failure mode')}${otherText ? `; also ${otherText}` : ''}.`))
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'Id', width: 13 },
        { title: 'Failure mode', width: 35 },
        { title: 'Severity', width: 11 },
        { title: 'Slice', width: 15 },
        { title: 'Evidence', width: 26 }
      ],
      rows: open.map((f) => ({
        cells: [mono(f.id), f.title, cell(f.severity, SEVERITY[f.severity] >= 3 ? 'bad' : 'warn', 'bold'), f.slice ?? '—', f.evidence]
      }))
    })
  }

  blocks.push(heading('Top risks', 2))
  const risks = [...(ev.risks?.risks ?? [])].sort(
    (a, b) => SEVERITY[b.severity] * LIKELIHOOD[b.likelihood] - SEVERITY[a.severity] * LIKELIHOOD[a.likelihood] || a.id.localeCompare(b.id)
  )
  if (!ev.risks) blocks.push(para('No valid risk register in the pack.', 'warn'))
  else if (risks.length === 0) blocks.push(para('The risk register is empty.', 'warn'))
  else {
    const top = risks.slice(0, TOP_RISKS)
    blocks.push(para(`${plural(risks.length, 'risk')} in the register${risks.length > top.length ? `; the ${top.length} highest (severity × likelihood) shown` : ''}.`))
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'Id', width: 10 },
        { title: 'Hazard', width: 27 },
        { title: 'Severity / likelihood', width: 15 },
        { title: 'Mitigation', width: 32 },
        { title: 'Owner / status', width: 16 }
      ],
      rows: top.map((r) => ({
        cells: [mono(r.id), r.hazard, cell(`${r.severity} / ${r.likelihood}`, SEVERITY[r.severity] >= 3 ? 'bad' : undefined), r.mitigation, `${r.owner}${r.status ? ` · ${r.status}` : ''}`]
      }))
    })
  }

  blocks.push(heading('Monitoring plan', 2))
  const signals = ev.monitoring?.signals ?? []
  if (!ev.monitoring) blocks.push(para('No valid monitoring plan in the pack.', 'warn'))
  else if (signals.length === 0) blocks.push(para('The monitoring plan has no signals.', 'warn'))
  else {
    const shown = signals.slice(0, MAX_SIGNALS)
    blocks.push(para(`${plural(signals.length, 'signal')}${signals.length > shown.length ? `; the first ${shown.length} shown` : ''}.`))
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'Signal', width: 24 },
        { title: 'Trigger', width: 24 },
        { title: 'Action / escalation', width: 34 },
        { title: 'Owner', width: 18 }
      ],
      rows: shown.map((s) => ({
        cells: [
          cell(s.signal, undefined, 'bold'),
          `${s.metric}${s.slice ? ` (${s.slice})` : ''} ${s.comparator} ${fmtNum(s.threshold)} over ${s.window}`,
          `${s.action}; escalate: ${s.escalation}`,
          s.owner
        ]
      }))
    })
  }
  const guardrails = ev.guardrails?.guardrails ?? []
  if (guardrails.length > 0) blocks.push(para(`Policy: ${plural(guardrails.length, 'guardrail')} (${[...new Set(guardrails.map((g) => g.kind))].join(', ')}).`, 'muted'))
  return blocks
}
