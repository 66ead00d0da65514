/**
 * The confusion matrix of a multiclass slice: weighted counts of (label, predicted class). Classes
 * are ordered by name (code points); past MAX_CLASSES the classes with the least label weight on
 * the population are folded into one "(other classes)" row and column, so the picture stays legible.
 */
import type { PredictionTable } from '../recompute/table'
import type { ChartNumber, ConfusionChart } from './types'

export const MAX_CLASSES = 20
export const OTHER_CLASSES = '(other classes)'

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The classes to show (by code), chosen once on the population so every slice uses the same axes. */
export function chosenClasses(t: PredictionTable, all: Int32Array): { readonly shown: readonly number[]; readonly merged: number } {
  const names = t.classes ?? []
  const support = new Float64Array(names.length)
  const w = t.weight
  for (let k = 0; k < all.length; k++) {
    const r = all[k]!
    support[t.label[r]!]! += w ? w[r]! : 1
  }
  let codes = names.map((_, i) => i)
  let merged = 0
  if (codes.length > MAX_CLASSES) {
    codes = [...codes].sort((a, b) => support[b]! - support[a]! || byCodePoint(names[a]!, names[b]!)).slice(0, MAX_CLASSES - 1)
    merged = names.length - codes.length
  }
  return { shown: [...codes].sort((a, b) => byCodePoint(names[a]!, names[b]!)), merged }
}

export function confusionChart(t: PredictionTable, idx: Int32Array, choice: ReturnType<typeof chosenClasses>, summary: ChartNumber): ConfusionChart {
  const names = t.classes ?? []
  const size = choice.shown.length + (choice.merged > 0 ? 1 : 0)
  const slot = new Int32Array(names.length).fill(size - 1)
  choice.shown.forEach((code, i) => (slot[code] = i))
  const counts = Array.from({ length: size }, () => new Array<number>(size).fill(0))
  const p = t.predicted!
  const w = t.weight
  for (let k = 0; k < idx.length; k++) {
    const r = idx[k]!
    const row = counts[slot[t.label[r]!]!]!
    row[slot[p[r]!]!]! += w ? w[r]! : 1
  }
  const classes = [...choice.shown.map((c) => names[c]!), ...(choice.merged > 0 ? [OTHER_CLASSES] : [])]
  return { kind: 'confusion', classes, counts, merged: choice.merged, summary }
}
