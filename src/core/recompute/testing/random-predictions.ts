/**
 * Seeded random predictions tables for the oracle tests and the bench: ties (scores on a 0.01 grid,
 * some exactly 0 and 1), missing values, a single-class group, tiny and empty slices, weights.
 */
import { rng } from '../../diff/test-builders'

export interface RandomTable {
  readonly csv: string
  readonly header: readonly string[]
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T

/** Binary: id,y,s,w,cat,num,grp,flag. */
export function binaryTable(rows: number, seed: number): string {
  const r = rng(seed)
  const lines = ['id,y,s,w,cat,num,grp,flag']
  for (let i = 0; i < rows; i++) {
    const latent = r()
    const y = r() < 0.15 + 0.5 * latent ? 1 : 0
    const s = Math.min(1, Math.max(0, Math.round((0.6 * latent + 0.4 * r()) * 100) / 100))
    const w = (0.5 + Math.floor(r() * 1500) / 1000).toFixed(3)
    const cat = pick(r, ['a', 'b', 'c', 'c', ''])
    const num = r() < 0.1 ? '' : String(Math.floor(r() * 10))
    const grp = y === 1 && r() < 0.2 ? 'pure' : 'mixed'
    lines.push(`r${i},${y},${s},${w},${cat},${num},${grp},${r() < 0.3 ? 1 : 0}`)
  }
  return lines.join('\n') + '\n'
}

/** Regression: id,y,p,w,cat (cat 'const' rows share one label). */
export function regressionTable(rows: number, seed: number): string {
  const r = rng(seed)
  const lines = ['id,y,p,w,cat']
  for (let i = 0; i < rows; i++) {
    const cat = pick(r, ['a', 'b', 'const'])
    const y = cat === 'const' ? 3.5 : Math.round((r() * 100 - 20) * 1000) / 1000
    const p = Math.round((y + (r() - 0.4) * 15) * 1000) / 1000
    lines.push(`${i},${y},${p},${(0.25 + r() * 2).toFixed(4)},${cat}`)
  }
  return lines.join('\n') + '\n'
}

/** Multiclass: id,y,p,w,cat. */
export function multiclassTable(rows: number, seed: number): string {
  const r = rng(seed)
  const classes = ['cat', 'dog', 'bird', 'fish']
  const lines = ['id,y,p,w,cat']
  for (let i = 0; i < rows; i++) {
    const y = pick(r, classes.slice(0, 3))
    const p = r() < 0.6 ? y : pick(r, classes)
    lines.push(`${i},${y},${p},${(0.5 + r()).toFixed(3)},${pick(r, ['a', 'b'])}`)
  }
  return lines.join('\n') + '\n'
}
