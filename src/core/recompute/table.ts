/**
 * One dataset/split's predictions as columns: label, score, predicted class, weight, and the
 * columns its slices read, loaded from one or more CSV shards streamed in order; then the one
 * argsort by score that every slice and rank metric shares.
 */
import type { PredictionsFile, PredictionTask } from '../format/predictions'
import { BinaryClassSink, LenientNumberSink, NumberSink, RowIdSink, TextSink, type F64Builder } from './columns'
import { CsvError, CsvReader, type FieldSink } from './csv'
import { argsortFloat64 } from './sort'

/** Rows above this in one dataset/split are refused: memory stays bounded (measured ~150 bytes a row with 8 slice columns, ~190 MB peak at 1M rows). */
export const MAX_PREDICTION_ROWS = 20_000_000

export interface TextColumn {
  /** Dictionary code per row (file order); -1 for an empty cell (missing). */
  readonly codes: Int32Array
  readonly values: readonly string[]
}

/**
 * Two orders of rows. The metric columns (label, score, predicted, weight) are stored by
 * **position** in score order (ascending, ties in file order), so the many metric passes read
 * memory sequentially; the slice columns (numbers, texts) stay in **file order** (a mask is
 * computed sequentially, then turned into positions once per slice). `order[position]` is the
 * file row at that position.
 */
export interface PredictionTable {
  readonly rows: number
  readonly task: PredictionTask
  /** By position. Binary: 1 for the positive class, else 0. Regression: the observed value. Multiclass: class code. */
  readonly label: Float64Array
  /** By position (ascending). */
  readonly score?: Float64Array
  /** By position. Binary: 1 when the predicted class is the positive class. Multiclass: class code. */
  readonly predicted?: Float64Array
  /** By position. */
  readonly weight?: Float64Array
  /** Multiclass: class names by code. */
  readonly classes?: readonly string[]
  /** Slice columns read as numbers, in file order (NaN: missing or not a number). */
  readonly numbers: ReadonlyMap<string, Float64Array>
  readonly texts: ReadonlyMap<string, TextColumn>
  /** Slice columns that hold a cell that is not a number: first such row (1-based data row) and text. */
  readonly notNumeric: ReadonlyMap<string, { readonly row: number; readonly text: string }>
  /** Requested slice columns that a shard's header does not have. */
  readonly missing: ReadonlySet<string>
  /** File row (0-based) at each position: rows by score ascending, ties in file order (file order when there is no score). */
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
    readonly column?: string,
    /** 'unavailable': Vouch cannot read it here (a limit of the reader, not a defect of the pack). */
    readonly kind: 'invalid' | 'unavailable' = 'invalid'
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
    const byPosition = (a: Float64Array | undefined): Float64Array | undefined => (a && score ? permute(a, order) : a)
    const notNumeric = new Map<string, { row: number; text: string }>()
    for (const [n, s] of this.numbers) if (s.bad) notNumeric.set(n, s.bad)
    const dup = this.rowId ? firstRepeat(this.rowId.hi.done(), this.rowId.lo.done()) : undefined
    return {
      rows: this.rows,
      task: this.task,
      label: byPosition(label) as Float64Array,
      ...(score ? { score: byPosition(score) as Float64Array } : {}),
      ...(predicted ? { predicted: byPosition(predicted) as Float64Array } : {}),
      ...(this.weight ? { weight: byPosition(this.weight.out.done()) as Float64Array } : {}),
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

function permute(a: Float64Array, order: Int32Array): Float64Array {
  const out = new Float64Array(order.length)
  for (let k = 0; k < order.length; k++) out[k] = a[order[k]!]!
  return out
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n)
  for (let i = 0; i < n; i++) a[i] = i
  return a
}

/**
 * The first two rows with the same 64-bit id hash. A native sort of the high 32 bits finds the few
 * values shared by several rows (about n^2 / 2^33 by chance); only those rows are compared on the
 * low 32 bits.
 */
function firstRepeat(hi: Int32Array, lo: Int32Array): [number, number] | undefined {
  const sorted = Int32Array.from(hi).sort()
  const shared = new Set<number>()
  for (let k = 1; k < sorted.length; k++) if (sorted[k] === sorted[k - 1]) shared.add(sorted[k]!)
  if (shared.size === 0) return undefined
  const seen = new Map<string, number>()
  for (let r = 0; r < hi.length; r++) {
    if (!shared.has(hi[r]!)) continue
    const key = `${hi[r]!}:${lo[r]!}`
    const first = seen.get(key)
    if (first !== undefined) return [first + 1, r + 1]
    seen.set(key, r)
  }
  return undefined
}
