/**
 * The drawing rule for curves whose point count grows with the rows (the ROC curve): keep a point
 * only when it has moved more than `eps` (in x or in y) from the last point kept; always keep the
 * first and the last. For a curve monotone in both axes every dropped point lies in the box between
 * the kept points around it, within `eps` of the first, so the whole exact curve stays within `eps`
 * of the drawn polyline (docs/curves.md "Drawing"), and at most 2/eps + 2 points remain on the unit
 * square whatever the number of rows.
 */

/** Unit-square tolerance for drawing: 1/1000 of an axis, a third of a pixel on a 320-pixel chart. */
export const DRAW_TOLERANCE = 1e-3

/** Indices of the points to draw (ascending), for points monotone non-decreasing in x and y. */
export function simplifyMonotone(xs: ArrayLike<number>, ys: ArrayLike<number>, eps: number): number[] {
  const n = xs.length
  if (n <= 2) return Array.from({ length: n }, (_, i) => i)
  const keep = [0]
  let px = xs[0] as number
  let py = ys[0] as number
  for (let i = 1; i < n - 1; i++) {
    const x = xs[i] as number
    const y = ys[i] as number
    if (x - px > eps || y - py > eps) {
      keep.push(i)
      px = x
      py = y
    }
  }
  keep.push(n - 1)
  return keep
}

/** Largest Euclidean distance of a dropped point from the drawn polyline (the rule's guarantee is <= eps). */
export function maxDeviation(xs: ArrayLike<number>, ys: ArrayLike<number>, kept: readonly number[]): number {
  let worst = 0
  for (let k = 0; k + 1 < kept.length; k++) {
    const a = kept[k] as number
    const b = kept[k + 1] as number
    const ax = xs[a] as number
    const ay = ys[a] as number
    const dx = (xs[b] as number) - ax
    const dy = (ys[b] as number) - ay
    const len = Math.hypot(dx, dy)
    for (let i = a + 1; i < b; i++) {
      const rx = (xs[i] as number) - ax
      const ry = (ys[i] as number) - ay
      // Distance to the segment: projection clamped to [0, 1].
      const t = len === 0 ? 0 : Math.min(1, Math.max(0, (rx * dx + ry * dy) / (len * len)))
      const d = Math.hypot(rx - t * dx, ry - t * dy)
      if (d > worst) worst = d
    }
  }
  return worst
}
