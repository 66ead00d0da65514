/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) so the samples are byte-identical on
 * every run and every machine: no Math.random, no clock.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Standard normal (Box-Muller). */
  normal(): number
  int(minIncl: number, maxIncl: number): number
  pick<T>(items: readonly T[]): T
  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T
  hex(chars: number): string
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** A stable 32-bit seed from a label, so each stream ("holdout", "model-1.1.0") is independent. */
export function seedOf(label: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0
  return h
}

export function makeRng(label: string): Rng {
  const sm = splitmix32(seedOf(label))
  let a = sm()
  let b = sm()
  let c = sm()
  let d = sm()
  const u32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t
  }
  for (let i = 0; i < 12; i++) u32()
  const next = (): number => u32() / 4294967296
  let spare: number | undefined
  const rng: Rng = {
    next,
    normal: () => {
      if (spare !== undefined) {
        const s = spare
        spare = undefined
        return s
      }
      let u = next()
      while (u === 0) u = next()
      const v = next()
      const r = Math.sqrt(-2 * Math.log(u))
      spare = r * Math.sin(2 * Math.PI * v)
      return r * Math.cos(2 * Math.PI * v)
    },
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    weighted: (items) => {
      const total = items.reduce((s, [, w]) => s + w, 0)
      let x = next() * total
      for (const [v, w] of items) {
        x -= w
        if (x < 0) return v
      }
      return (items[items.length - 1] as (typeof items)[number])[0]
    },
    hex: (chars) => {
      let s = ''
      while (s.length < chars) s += u32().toString(16).padStart(8, '0')
      return s.slice(0, chars)
    }
  }
  return rng
}
