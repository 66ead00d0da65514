/**
 * Evaluates a parsed slice over a predictions table, column at a time, into a 0/1 mask.
 * Missing values (empty cells) behave as IEEE NaN does in pandas: every comparison with them is
 * false except "!=" (and NOT IN), which is true. Text compares by Unicode code points.
 */
import type { CompareOp, Literal, SliceExpr } from './slice-lang'
import { columnUses } from './slice-lang'
import type { PredictionTable } from './table'

/** Why the expression cannot be evaluated on this table, or undefined when it can. */
export function sliceProblem(e: SliceExpr, t: PredictionTable): string | undefined {
  for (const [col, use] of columnUses(e)) {
    if (t.missing.has(col) || (!t.numbers.has(col) && !t.texts.has(col))) return `names column "${col}", which the predictions file does not have`
    const bad = t.notNumeric.get(col)
    if (use.number && bad) return `compares column "${col}" with a number, but data row ${bad.row} holds ${bad.text}`
  }
  return undefined
}

function cmpCodePoints(a: string, b: string): number {
  // Code point order (as Python and SQL compare text), not UTF-16 unit order.
  const x = [...a]
  const y = [...b]
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!
    if (d !== 0) return d
  }
  return x.length - y.length
}

function holds(op: CompareOp, c: number): boolean {
  switch (op) {
    case '=':
      return c === 0
    case '!=':
      return c !== 0
    case '<':
      return c < 0
    case '<=':
      return c <= 0
    case '>':
      return c > 0
    case '>=':
      return c >= 0
  }
}

function numberMask(v: Float64Array, op: CompareOp, x: number, out: Uint8Array): void {
  const n = v.length
  switch (op) {
    case '=':
      for (let i = 0; i < n; i++) out[i] = v[i] === x ? 1 : 0
      return
    case '!=':
      for (let i = 0; i < n; i++) out[i] = v[i] !== x ? 1 : 0
      return
    case '<':
      for (let i = 0; i < n; i++) out[i] = v[i]! < x ? 1 : 0
      return
    case '<=':
      for (let i = 0; i < n; i++) out[i] = v[i]! <= x ? 1 : 0
      return
    case '>':
      for (let i = 0; i < n; i++) out[i] = v[i]! > x ? 1 : 0
      return
    case '>=':
      for (let i = 0; i < n; i++) out[i] = v[i]! >= x ? 1 : 0
      return
  }
}

/** Per dictionary code, whether the predicate holds; then one lookup per row (-1, missing, gets `onMissing`). */
function codeMask(codes: Int32Array, truth: Uint8Array, onMissing: number, out: Uint8Array): void {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!
    out[i] = c < 0 ? onMissing : truth[c]!
  }
}

/** col IN (...) / col NOT IN (...): a missing value is in no list. */
function inMask(col: string, lits: readonly Literal[], negated: boolean, t: PredictionTable, out: Uint8Array): void {
  if ((lits[0] as Literal).kind === 'number') {
    const v = t.numbers.get(col) as Float64Array
    const set = new Set(lits.map((l) => l.value as number))
    const yes = negated ? 0 : 1
    for (let i = 0; i < v.length; i++) out[i] = set.has(v[i]!) ? yes : 1 - yes
    return
  }
  const tc = t.texts.get(col)!
  const set = new Set(lits.map((l) => l.value as string))
  const truth = new Uint8Array(tc.values.length)
  tc.values.forEach((s, k) => {
    truth[k] = set.has(s) !== negated ? 1 : 0
  })
  codeMask(tc.codes, truth, negated ? 1 : 0, out)
}

/** The rows the expression selects, as a 0/1 mask over the table's rows in file order. */
export function evalSlice(e: SliceExpr, t: PredictionTable): Uint8Array {
  const out = new Uint8Array(t.rows)
  switch (e.type) {
    case 'and':
    case 'or': {
      const a = evalSlice(e.left, t)
      const b = evalSlice(e.right, t)
      if (e.type === 'and') for (let i = 0; i < out.length; i++) out[i] = a[i]! & b[i]!
      else for (let i = 0; i < out.length; i++) out[i] = a[i]! | b[i]!
      return out
    }
    case 'not': {
      const a = evalSlice(e.expr, t)
      for (let i = 0; i < out.length; i++) out[i] = a[i]! ^ 1
      return out
    }
    case 'compare': {
      const lit = e.literal
      if (lit.kind === 'number') {
        numberMask(t.numbers.get(e.column) as Float64Array, e.op, lit.value, out)
        return out
      }
      const tc = t.texts.get(e.column)!
      const truth = new Uint8Array(tc.values.length)
      tc.values.forEach((s, k) => {
        truth[k] = holds(e.op, e.op === '=' || e.op === '!=' ? (s === lit.value ? 0 : 1) : cmpCodePoints(s, lit.value)) ? 1 : 0
      })
      codeMask(tc.codes, truth, e.op === '!=' ? 1 : 0, out)
      return out
    }
    case 'in':
      inMask(e.column, e.literals, e.negated, t, out)
      return out
  }
}
