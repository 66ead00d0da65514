/**
 * The slice language: `age < 25 AND bureau_tradelines < 3 AND channel = 'broker'`.
 * A hand-written tokenizer and recursive-descent parser (never eval); the grammar is in
 * docs/recompute.md "Slice language". Parsing needs no data: column names and literal kinds are
 * known from the text, so a table loads only the columns (and views: number or text) it needs.
 */

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>='

export type Literal = { readonly kind: 'number'; readonly value: number; readonly text: string } | { readonly kind: 'string'; readonly value: string }

export type SliceExpr =
  | { readonly type: 'and' | 'or'; readonly left: SliceExpr; readonly right: SliceExpr }
  | { readonly type: 'not'; readonly expr: SliceExpr }
  | { readonly type: 'compare'; readonly column: string; readonly op: CompareOp; readonly literal: Literal }
  | { readonly type: 'in'; readonly column: string; readonly negated: boolean; readonly literals: readonly Literal[] }

export class SliceSyntaxError extends Error {
  constructor(
    readonly detail: string,
    /** 1-based character position in the definition. */
    readonly position: number
  ) {
    super(`${detail} (at character ${position})`)
    this.name = 'SliceSyntaxError'
  }
}

type Tok =
  | { readonly t: 'ident'; readonly v: string; readonly pos: number; readonly quoted: boolean }
  | { readonly t: 'number'; readonly v: number; readonly text: string; readonly pos: number }
  | { readonly t: 'string'; readonly v: string; readonly pos: number }
  | { readonly t: 'op'; readonly v: CompareOp; readonly pos: number }
  | { readonly t: '(' | ')' | ',' | 'end'; readonly pos: number }

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN'])
const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/
const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_.]*/

function tokenize(src: string): Tok[] {
  const out: Tok[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i] as string
    const pos = i + 1
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++
      continue
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ t: c, pos })
      i++
      continue
    }
    if (c === "'") {
      let v = ''
      let j = i + 1
      for (;;) {
        if (j >= src.length) throw new SliceSyntaxError('unterminated string literal', pos)
        if (src[j] === "'") {
          if (src[j + 1] === "'") {
            v += "'"
            j += 2
            continue
          }
          break
        }
        v += src[j]
        j++
      }
      out.push({ t: 'string', v, pos })
      i = j + 1
      continue
    }
    if (c === '"' || c === '`') {
      const end = src.indexOf(c, i + 1)
      if (end < 0) throw new SliceSyntaxError(`unterminated quoted column name`, pos)
      const v = src.slice(i + 1, end)
      if (v === '') throw new SliceSyntaxError('empty column name', pos)
      out.push({ t: 'ident', v, pos, quoted: true })
      i = end + 1
      continue
    }
    const two = src.slice(i, i + 2)
    if (two === '<=' || two === '>=' || two === '!=' || two === '<>' || two === '==') {
      out.push({ t: 'op', v: two === '<>' ? '!=' : two === '==' ? '=' : two, pos })
      i += 2
      continue
    }
    if (c === '<' || c === '>' || c === '=') {
      out.push({ t: 'op', v: c, pos })
      i++
      continue
    }
    const rest = src.slice(i)
    const num = NUMBER_RE.exec(rest)
    if (num && (/[0-9.]/.test(c) || ((c === '-' || c === '+') && /[0-9.]/.test(rest[1] ?? '')))) {
      const text = num[0]
      const v = Number(text)
      if (!Number.isFinite(v)) throw new SliceSyntaxError(`number ${text} is out of range`, pos)
      out.push({ t: 'number', v: v === 0 ? 0 : v, text, pos })
      i += text.length
      if (i < src.length && /[A-Za-z_]/.test(src[i] as string)) throw new SliceSyntaxError(`unexpected "${src[i] as string}" after the number ${text}`, i + 1)
      continue
    }
    const id = IDENT_RE.exec(rest)
    if (id) {
      out.push({ t: 'ident', v: id[0], pos, quoted: false })
      i += id[0].length
      continue
    }
    throw new SliceSyntaxError(`unexpected character "${c}"`, pos)
  }
  out.push({ t: 'end', pos: src.length + 1 })
  return out
}

const isKeyword = (t: Tok, k: string): boolean => t.t === 'ident' && !t.quoted && t.v.toUpperCase() === k

function describe(t: Tok): string {
  switch (t.t) {
    case 'end':
      return 'the end of the definition'
    case 'ident':
      return t.quoted ? `column "${t.v}"` : KEYWORDS.has(t.v.toUpperCase()) ? t.v.toUpperCase() : `"${t.v}"`
    case 'number':
      return `number ${t.text}`
    case 'string':
      return `string '${t.v}'`
    case 'op':
      return `"${t.v}"`
    default:
      return `"${t.t}"`
  }
}

/** Parses a slice definition; throws SliceSyntaxError naming what was expected and where. */
export function parseSlice(src: string): SliceExpr {
  const toks = tokenize(src)
  let k = 0
  const peek = (): Tok => toks[k] as Tok
  const next = (): Tok => toks[k++] as Tok
  const fail = (expected: string): never => {
    const t = peek()
    throw new SliceSyntaxError(`expected ${expected}, found ${describe(t)}`, t.pos)
  }
  const literal = (): Literal => {
    const t = next()
    if (t.t === 'number') return { kind: 'number', value: t.v, text: t.text }
    if (t.t === 'string') return { kind: 'string', value: t.v }
    k--
    return fail('a number or a quoted string')
  }
  const columnName = (): string | undefined => {
    const t = peek()
    if (t.t === 'ident' && (t.quoted || !KEYWORDS.has(t.v.toUpperCase()))) {
      k++
      return t.v
    }
    return undefined
  }
  const flip: Record<CompareOp, CompareOp> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' }
  const comparison = (): SliceExpr => {
    const col = columnName()
    if (col === undefined) {
      // literal op column, e.g. 25 <= age
      const t = peek()
      if (t.t !== 'number' && t.t !== 'string') return fail('a column name, a literal or "("')
      const lit = literal()
      const op = next()
      if (op.t !== 'op') {
        k--
        return fail('a comparison operator')
      }
      const c = columnName()
      if (c === undefined) return fail('a column name')
      return { type: 'compare', column: c, op: flip[op.v], literal: lit }
    }
    let negated = false
    if (isKeyword(peek(), 'NOT')) {
      k++
      negated = true
      if (!isKeyword(peek(), 'IN')) return fail('IN after NOT')
    }
    if (isKeyword(peek(), 'IN')) {
      k++
      if (next().t !== '(') {
        k--
        return fail('"(" after IN')
      }
      const literals: Literal[] = [literal()]
      while (peek().t === ',') {
        k++
        literals.push(literal())
      }
      if (next().t !== ')') {
        k--
        return fail('"," or ")" in the IN list')
      }
      if (new Set(literals.map((l) => l.kind)).size > 1) throw new SliceSyntaxError(`the IN list of ${col} mixes numbers and strings`, (toks[k - 1] as Tok).pos)
      return { type: 'in', column: col, negated, literals }
    }
    const op = next()
    if (op.t !== 'op') {
      k--
      return fail(`a comparison operator or IN after ${col}`)
    }
    return { type: 'compare', column: col, op: op.v, literal: literal() }
  }
  const primary = (): SliceExpr => {
    if (peek().t === '(') {
      k++
      const e = or()
      if (next().t !== ')') {
        k--
        return fail('")"')
      }
      return e
    }
    return comparison()
  }
  const not = (): SliceExpr => {
    if (isKeyword(peek(), 'NOT')) {
      k++
      return { type: 'not', expr: not() }
    }
    return primary()
  }
  const and = (): SliceExpr => {
    let e = not()
    while (isKeyword(peek(), 'AND')) {
      k++
      e = { type: 'and', left: e, right: not() }
    }
    return e
  }
  const or = (): SliceExpr => {
    let e = and()
    while (isKeyword(peek(), 'OR')) {
      k++
      e = { type: 'or', left: e, right: and() }
    }
    return e
  }
  const e = or()
  if (peek().t !== 'end') fail('AND, OR or the end of the definition')
  return e
}

/** Every column an expression reads, with the views it needs (compared with numbers, with strings, or both). */
export function columnUses(e: SliceExpr, out: Map<string, { number: boolean; text: boolean }> = new Map()): Map<string, { number: boolean; text: boolean }> {
  switch (e.type) {
    case 'and':
    case 'or':
      columnUses(e.left, out)
      columnUses(e.right, out)
      return out
    case 'not':
      return columnUses(e.expr, out)
    case 'compare':
    case 'in': {
      const u = out.get(e.column) ?? { number: false, text: false }
      const kinds = e.type === 'compare' ? [e.literal.kind] : e.literals.map((l) => l.kind)
      for (const kind of kinds) u[kind === 'number' ? 'number' : 'text'] = true
      out.set(e.column, u)
      return out
    }
  }
}
