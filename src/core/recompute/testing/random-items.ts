/**
 * Seeded per-item evaluation results (`task: "items"`) for the oracle tests: graded items with a
 * verdict, 0/1 grader columns, two graders' categories for agreement, missing values and weights.
 */
import { rng } from '../../diff/test-builders'

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T

/** id,verdict,cat,lang,correct,leak,judge,human,partial,same,w (verdict "pass"/"fail"; partial has gaps; same is constant). */
export function itemsTable(rows: number, seed: number): string {
  const r = rng(seed)
  const lines = ['id,verdict,cat,lang,correct,leak,judge,human,partial,same,w']
  for (let i = 0; i < rows; i++) {
    const correct = r() < 0.8 ? 1 : 0
    const leak = r() < 0.05 ? 1 : 0
    const judge = pick(r, [0, 1, 1, 2])
    const human = r() < 0.7 ? judge : pick(r, [0, 1, 2])
    const cat = pick(r, ['billing', 'fraud', 'access', 'tiny'].slice(0, i % 50 === 0 ? 4 : 3))
    lines.push(`item-${i},${correct && !leak ? 'pass' : 'fail'},${cat},${pick(r, ['en', 'de', 'fr'])},${correct},${leak},${judge},${human},${r() < 0.1 ? '' : correct},1,${(0.5 + r()).toFixed(3)}`)
  }
  return lines.join('\n') + '\n'
}
