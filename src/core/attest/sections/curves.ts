/**
 * Appendix A: the evaluation curves, drawn as vector graphics for the whole population and every
 * critical slice (the previous release overlaid, dashed, when the attestation is made against it).
 * The same drawing model as the app; each chart's caption is its text alternative there.
 */
import type { AttestationCurves, CurveGroup } from '../../curves/attestation'
import type { Plot } from '../../curves/plot-types'
import { DRAW_TOLERANCE } from '../../curves/simplify'
import { heading, para, type Block, type FigureItem } from '../layout/blocks'
import { COLORS, TEXT_WIDTH } from '../layout/paginate'
import { fmtInt } from './format'
import { plotHeight, plotItems } from './plot-figure'

const GAP = 10
const CELL_W = (TEXT_WIDTH - 2 * GAP) / 3
const CELL_H = 150

/** Pass rates (a row per slice) and confusion matrices (square, labelled both ways) take the text's width. */
const wide = (p: Plot): boolean => p.kind === 'intervals' || p.kind === 'matrix'

function shifted(items: readonly FigureItem[], dx: number, dy = 0): FigureItem[] {
  return items.map((it) => (it.kind === 'path' ? { ...it, points: it.points.map(([x, y]) => [x + dx, y + dy] as const) } : { ...it, x: it.x + dx, y: it.y + dy }))
}

const TITLE_H = 30

/** The group's charts, three to a row; the group's title rides on the first figure so a page never ends between them. */
function figures(plots: readonly Plot[], title: string, subtitle: string): Block[] {
  const out: Block[] = []
  const head: FigureItem[] = [
    { kind: 'text', x: 0, y: 11, text: title, style: 'bold', size: 10.5, color: COLORS.accent, maxWidth: TEXT_WIDTH },
    { kind: 'text', x: 0, y: 23, text: subtitle, style: 'mono', size: 7.5, color: COLORS.ink, maxWidth: TEXT_WIDTH }
  ]
  let top: readonly FigureItem[] = head
  const take = (): { items: readonly FigureItem[]; dy: number } => {
    const t = { items: top, dy: top.length > 0 ? TITLE_H : 0 }
    top = []
    return t
  }
  const narrow = plots.filter((p) => !wide(p))
  for (let i = 0; i < narrow.length; i += 3) {
    const row = narrow.slice(i, i + 3)
    const h = take()
    const items = row.flatMap((p, k) => shifted(plotItems(p, CELL_W, CELL_H), k * (CELL_W + GAP), h.dy))
    out.push({ kind: 'figure', height: h.dy + Math.max(...row.map((p) => plotHeight(p, CELL_W, CELL_H))), items: [...h.items, ...items] })
  }
  for (const p of plots.filter(wide)) {
    const h = take()
    out.push({ kind: 'figure', height: h.dy + plotHeight(p, TEXT_WIDTH, CELL_H * 1.2), items: [...h.items, ...shifted(plotItems(p, TEXT_WIDTH, CELL_H * 1.2), 0, h.dy)] })
  }
  if (top.length > 0) out.push({ kind: 'figure', height: TITLE_H, items: top })
  const captions: Block[] = plots.flatMap((p): Block[] => [{ kind: 'para', text: p.alt, size: 7.5 }, ...p.notes.map((n): Block => ({ kind: 'para', text: n, size: 7, tone: 'muted' }))])
  // The last figure keeps the captions on its page, so a chart is never read without its numbers.
  const last = out[out.length - 1]
  if (last?.kind === 'figure') out[out.length - 1] = { ...last, keepNext: captions.length }
  return [...out, ...captions]
}

function groupBlocks(g: CurveGroup, c: Extract<AttestationCurves, { available: true }>): Block[] {
  const rows = `${fmtInt(g.rows)} rows${g.previousRows !== undefined && c.names ? ` (${fmtInt(g.previousRows)} in ${c.names.old})` : ''}`
  if (g.slice === null) return figures(g.plots, `All rows of ${c.dataset} / ${c.split}`, rows)
  // Pass-rate charts show every slice already: printed once, with the population.
  const plots = g.plots.filter((p) => !p.id.startsWith('rates:'))
  const name = g.slice.name ? `${g.slice.name} (${g.slice.id})` : g.slice.id
  return figures(plots, `Critical slice ${name}`, `${rows} · ${g.slice.definition}`)
}

const plotIds = (c: Extract<AttestationCurves, { available: true }>): Set<string> => new Set(c.groups.flatMap((g) => g.plots.filter((p) => p.empty === undefined).map((p) => p.id)))
const hasRoc = (c: Extract<AttestationCurves, { available: true }>): boolean => plotIds(c).has('roc')

/** What the dotted reference lines of the printed charts stand for. */
function references(c: Extract<AttestationCurves, { available: true }>): string {
  const ids = plotIds(c)
  const out = [...(ids.has('roc') ? ['chance on ROC curves'] : []), ...(ids.has('reliability') ? ['perfect calibration'] : []), ...(ids.has('predicted-vs-observed') ? ['prediction = label'] : [])]
  return out.length > 0 ? ` Dotted grey lines are the reference: ${out.join(', ')}.` : ''
}

export function curvesSection(c: AttestationCurves | undefined): Block[] {
  if (c === undefined) return []
  const blocks: Block[] = [heading('A. Evaluation curves')]
  if (!c.available) return [...blocks, para(`No curves: ${c.reason}.`, 'muted')]
  const overlay = c.names ? ` ${c.names.new} is drawn solid, ${c.names.old} dashed with hollow markers, binned alike.` : ''
  const missing = c.previousMissing ? ` The previous release is not overlaid: ${c.previousMissing}.` : ''
  blocks.push(
    para(
      `Drawn from the ${fmtInt(c.rows)} predictions of ${c.dataset} / ${c.split} that the pack ships, by the code that recomputes its claimed metrics (docs/curves.md): ` +
        `the whole population, then every critical slice.${overlay}${missing} Each caption gives the chart's number recomputed on its rows and the pack's claim.` +
        `${references(c)}${hasRoc(c) ? ` ROC curves are drawn within ${DRAW_TOLERANCE} of the exact curve.` : ''}`
    )
  )
  for (const g of c.groups) blocks.push(...groupBlocks(g, c))
  return blocks
}
