/** The reproducibility section's counts and its one-line summary. */
import type { ClaimCheck, ClaimCounts, PredictionsFileCheck, Reproducibility } from './report'

function counts(cs: readonly ClaimCheck[]): ClaimCounts {
  let reproduced = 0
  let notReproduced = 0
  let notRecomputable = 0
  for (const c of cs) {
    if (c.status === 'reproduced') reproduced++
    else if (c.status === 'not-reproduced') notReproduced++
    else notRecomputable++
  }
  return { claims: cs.length, reproduced, notReproduced, notRecomputable }
}

/** 30000 -> "30,000" (fixed, not locale-dependent). */
export function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

const plural = (n: number, one: string, many: string): string => `${grouped(n)} ${n === 1 ? one : many}`

/** Every claim the section counts (`claims` is empty when the pack ships no predictions). */
export function claimsCounted(r: Pick<Reproducibility, 'summary'>): number {
  const s = r.summary
  return s.headline.claims + s.slices.claims + s.sampleSizes.claims + s.intervals.claims
}

export function summarize(status: Reproducibility['status'], descriptor: string | undefined, predictions: readonly PredictionsFileCheck[], claims: readonly ClaimCheck[]): Reproducibility {
  const headline = counts(claims.filter((c) => c.scope === 'headline' && c.field === 'value'))
  const slices = counts(claims.filter((c) => c.scope === 'slice' && c.field === 'value'))
  const sampleSizes = counts(claims.filter((c) => c.field === 'sampleSize'))
  const intervals = counts(claims.filter((c) => c.field === 'ci.lower' || c.field === 'ci.upper'))
  const rows = predictions.reduce((n, p) => n + (p.rows ?? 0), 0)
  const of = (c: ClaimCounts): string => `${grouped(c.reproduced)} of ${grouped(c.claims - c.notRecomputable)}`
  let text: string
  if (status === 'no-predictions') {
    text = `No predictions shipped: ${plural(headline.claims, 'headline metric', 'headline metrics')} and ${plural(slices.claims, 'slice metric', 'slice metrics')} cannot be re-checked`
  } else {
    const na = claims.length - counts(claims).reproduced - counts(claims).notReproduced
    const extra = [
      sampleSizes.claims > sampleSizes.notRecomputable ? `${of(sampleSizes)} sample sizes` : '',
      intervals.claims > intervals.notRecomputable ? `${of(intervals)} interval bounds` : ''
    ].filter(Boolean)
    text =
      `${of(headline)} headline metrics and ${of(slices)} slice metrics reproduced from ${plural(rows, 'prediction', 'predictions')}` +
      (extra.length > 0 ? ` (and ${extra.join(', ')})` : '') +
      (na > 0 ? `; ${plural(na, 'claim', 'claims')} not recomputable` : '')
  }
  // Without predictions every claim is not recomputable for that one reason, and the counts say how
  // many: listing them would repeat one line per claim (55,000 for a 5,000-slice pack) in the report,
  // the assessment, --json and the PDF's attachments.
  return { status, ...(descriptor !== undefined ? { descriptor } : {}), predictions, rows, summary: { headline, slices, sampleSizes, intervals, text }, claims: status === 'no-predictions' ? [] : claims }
}
