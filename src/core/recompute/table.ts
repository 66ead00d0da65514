/**
 * One dataset/split's predictions as columns: label, score, predicted class, weight, and the
 * columns its slices read, loaded from one or more CSV shards streamed in order; then the one
 * argsort by score that every slice and rank metric shares.
 */
import type { PredictionsFile, PredictionTask } from '../format/predictions'
import { BinaryClassSink, LenientNumberSink, NumberSink, RowIdSink, TextSink, type F64Builder } from './columns'
import { CsvError, CsvReader, type FieldSink } from './csv'
import { argsortFloat64, argsortU64 } from './sort'

/** Rows above this in one dataset/split are refused (memory stays bounded: ~40 bytes a row). */
export const MAX_PREDICTION_ROWS = 20_000_000

export interface TextColumn {
  /** Dictionary code per row; -1 for an empty cell (missing). */
  readonly codes: Int32Array
  readonly values: readonly string[]
}

export interface PredictionTable {
  readonly rows: number
  readonly task: PredictionTask
  /** Binary: 1 for the positive class, else 0. Regression: the observed value. Multiclass: class code. */
  readonly label: Float64Array
  readonly score?: Float64Array
  /** Binary: 1 when the predicted class is the positive class. Multiclass: class code. */
  readonly predicted?: Float64Array
  readonly weight?: Float64Array
  /** Multiclass: class names by code. */
  readonly classes?: readonly string[]
  /** Slice columns read as numbers (NaN: missing or not a number). */
  readonly numbers: ReadonlyMap<string, Float64Array>
  readonly texts: ReadonlyMap<string, TextColumn>
  /** Slice columns that hold a cell that is not a number: first such row (1-based data row) and text. */
  readonly notNumeric: ReadonlyMap<string, { readonly row: number; readonly text: string }>
  /** Requested slice columns that a shard's header does not have. */
  readonly missing: ReadonlySet<string>
  /** Rows by score ascending, ties in file order (file order when there is no score). */
  readonly order: Int32Array
  /** A repeated row id: the 1-based data rows of the first repeat found. */
  readonly duplicateRowId?: readonly [number, number]
}

/** Which extra columns the slices and parameters read, and as what. */
export interface ColumnNeeds {
  readonly numbers: ReadonlySet<string>
  readonly texts: ReadonlySet<string>
}

export class TableLoadError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
    readonly line?: number,
    readonly column?: string
  ) {
    super(`${path}${line !== undefined ? `:${line}` : ''}: ${detail}`)
    this.name = 'TableLoadError'
  }
}

interface Role {
  readonly name: string
  readonly role: string
  readonly sink: FieldSink
}

/** Loads the shards of one dataset/split (same columns and positive class in each). */
export class TableLoader {
  private rows = 0
  private readonly task: PredictionTask
  private readonly label: BinaryClassSink | NumberSink | TextSink
  private readonly score?: NumberSink
  private readonly predicted?: BinaryClassSink | TextSink
  private readonly weight?: NumberSink
  private readonly rowId?: RowIdSink
  private readonly numbers = new Map<string, LenientNumberSink>()
  private readonly texts = new Map<string, TextSink>()
  private readonly missing = new Set<string>()

  constructor(
    private readonly spec: PredictionsFile,
    needs: ColumnNeeds
  ) {
    this.task = spec.task ?? 'binary'
    const c = spec.columns
    const positive = spec.positive ?? ''
    if (this.task === 'binary') {
      this.label = new BinaryClassSink('label', positive)
      if (c.predicted !== undefined) this.predicted = new BinaryClassSink('predicted class', positive)
    } else if (this.task === 'regression') {
      this.label = new NumberSink('label', true)
    } else {
      const classes = new TextSink('label', true)
      this.label = classes
      if (c.predicted !== undefined) this.predicted = classes.shared('predicted class')
    }
    if (c.score !== undefined) this.score = new NumberSink('score', true)
    if (c.weight !== undefined) this.weight = new NumberSink('weight', true, 0)
    if (c.rowId !== undefined) this.rowId = new RowIdSink('row id')
    for (const n of needs.numbers) this.numbers.set(n, new LenientNumberSink())
    for (const n of needs.texts) this.texts.set(n, new TextSink(`value of ${n}`, false))
  }

  private roles(): Role[] {
    const c = this.spec.columns
    const out: Role[] = [{ name: c.label, role: 'label', sink: this.label }]
    if (c.score !== undefined && this.score) out.push({ name: c.score, role: 'score', sink: this.score })
    if (c.predicted !== undefined && this.predicted) out.push({ name: c.predicted, role: 'predicted', sink: this.predicted })
    if (c.weight !== undefined && this.weight) out.push({ name: c.weight, role: 'weight', sink: this.weight })
    if (c.rowId !== undefined && this.rowId) out.push({ name: c.rowId, role: 'rowId', sink: this.rowId })
    return out
  }

  /** Streams one shard in. Throws TableLoadError (naming the file, line and column) when it cannot be read as declared. */
  async load(path: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    const roles = this.roles()
    const reader = new CsvReader(
      (names) => {
        const at = new Map(names.map((nm, i) => [nm, i]))
        const sinks: (FieldSink | undefined)[] = new Array(names.length).fill(undefined)
        const multi = new Map<number, FieldSink[]>()
        const put = (i: number, s: FieldSink): void => {
          const l = multi.get(i) ?? []
          l.push(s)
          multi.set(i, l)
        }
        for (const r of roles) {
          const i = at.get(r.name)
          if (i === undefined) throw new CsvError(1, `the header has no column "${r.name}" (declared as ${r.role} in data/evaluation/predictions.json)`)
          put(i, r.sink)
        }
        for (const [n, s] of [...this.numbers, ...this.texts]) {
          const i = at.get(n)
          if (i === undefined) this.missing.add(n)
          else put(i, s)
        }
        for (const [i, l] of multi) sinks[i] = l.length === 1 ? l[0] : { add: (b, s, e) => l.forEach((x) => x.add(b, s, e)) }
        return { sinks }
      },
      () => {
        if (++this.rows > MAX_PREDICTION_ROWS) throw new CsvError(reader.rows + 1, `more than ${MAX_PREDICTION_ROWS} rows for dataset ${this.spec.dataset} split ${this.spec.split}`)
      }
    )
    // Slice columns absent from this shard: pad them so every column keeps one value per row.
    const before = this.rows
    try {
      for await (const chunk of chunks) reader.push(chunk)
      reader.end()
    } catch (e) {
      if (e instanceof CsvError) throw new TableLoadError(path, e.detail, e.line, e.column)
      throw e
    }
    const added = this.rows - before
    for (const n of this.missing) {
      const s = this.numbers.get(n) ?? this.texts.get(n)
      if (s) for (let i = 0; i < added; i++) s.add(new Uint8Array(0), 0, 0)
    }
  }

  finish(): PredictionTable {
    const b = (x: { out: F64Builder } | undefined): Float64Array | undefined => x?.out.done()
    const label = this.label instanceof TextSink ? Float64Array.from(this.label.codes.done()) : this.label.out.done()
    const predicted = this.predicted instanceof TextSink ? Float64Array.from(this.predicted.codes.done()) : b(this.predicted)
    const score = b(this.score)
    const order = score ? argsortFloat64(score) : identity(this.rows)
    const notNumeric = new Map<string, { row: number; text: string }>()
    for (const [n, s] of this.numbers) if (s.bad) notNumeric.set(n, s.bad)
    const dup = this.rowId ? firstRepeat(this.rowId.hi.done(), this.rowId.lo.done()) : undefined
    return {
      rows: this.rows,
      task: this.task,
      label,
      ...(score ? { score } : {}),
      ...(predicted ? { predicted } : {}),
      ...(this.weight ? { weight: this.weight.out.done() } : {}),
      ...(this.label instanceof TextSink ? { classes: this.label.values } : {}),
      numbers: new Map([...this.numbers].filter(([n]) => !this.missing.has(n)).map(([n, s]) => [n, s.out.done()])),
      texts: new Map([...this.texts].filter(([n]) => !this.missing.has(n)).map(([n, s]) => [n, { codes: s.codes.done(), values: s.values }])),
      notNumeric,
      missing: this.missing,
      order,
      ...(dup ? { duplicateRowId: dup } : {})
    }
  }
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n)
  for (let i = 0; i < n; i++) a[i] = i
  return a
}

function firstRepeat(hi: Int32Array, lo: Int32Array): [number, number] | undefined {
  const h = new Uint32Array(hi.buffer, hi.byteOffset, hi.length)
  const l = new Uint32Array(lo.buffer, lo.byteOffset, lo.length)
  const idx = argsortU64(h, l)
  for (let k = 1; k < idx.length; k++) {
    const a = idx[k - 1]!
    const c = idx[k]!
    if (h[a] === h[c] && l[a] === l[c]) return [a + 1, c + 1]
  }
  return undefined
}
