/**
 * Column sinks: each turns the cells of one CSV column into a typed array as they stream by
 * (numbers into Float64Array, text into dictionary codes), so a million rows cost a few
 * megabytes per column and no string per cell.
 */
import { CellError, type FieldSink } from './csv'
import { parseDecimalBytes } from './numparse'

const utf8 = new TextDecoder('utf-8', { fatal: true })

function latin1(b: Uint8Array, s: number, e: number): string {
  let out = ''
  for (let i = s; i < e; i++) out += String.fromCharCode(b[i] as number)
  return out
}

function shown(b: Uint8Array, s: number, e: number): string {
  let t: string
  try {
    t = utf8.decode(b.subarray(s, Math.min(e, s + 40)))
  } catch {
    t = latin1(b, s, Math.min(e, s + 40))
  }
  return JSON.stringify(e - s > 40 ? `${t}…` : t)
}

export class F64Builder {
  private a = new Float64Array(1 << 14)
  n = 0
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2)
      b.set(this.a)
      this.a = b
    }
    this.a[this.n++] = v
  }
  done(): Float64Array {
    return this.a.subarray(0, this.n)
  }
}

export class I32Builder {
  private a = new Int32Array(1 << 14)
  n = 0
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2)
      b.set(this.a)
      this.a = b
    }
    this.a[this.n++] = v
  }
  done(): Int32Array {
    return this.a.subarray(0, this.n)
  }
}

/** A number per cell. `required`: an empty cell is refused; `min`: the smallest allowed value. */
export class NumberSink implements FieldSink {
  readonly out = new F64Builder()
  constructor(
    private readonly what: string,
    private readonly required: boolean,
    private readonly min?: number
  ) {}
  add(b: Uint8Array, s: number, e: number): void {
    if (s === e) {
      if (this.required) throw new CellError(`the ${this.what} is empty`)
      this.out.push(Number.NaN)
      return
    }
    const v = parseDecimalBytes(b, s, e)
    if (v !== v) throw new CellError(`the ${this.what} ${shown(b, s, e)} is not a finite decimal number`)
    if (this.min !== undefined && v < this.min) throw new CellError(`the ${this.what} ${shown(b, s, e)} is below ${this.min}`)
    this.out.push(v)
  }
}

/**
 * A slice column read as numbers: an empty cell is missing (NaN); a cell that is not a number is
 * remembered (the slices comparing this column with a number cannot be evaluated) and read as NaN.
 */
export class LenientNumberSink implements FieldSink {
  readonly out = new F64Builder()
  bad: { readonly row: number; readonly text: string } | undefined
  add(b: Uint8Array, s: number, e: number): void {
    const v = s === e ? Number.NaN : parseDecimalBytes(b, s, e)
    if (v !== v && s !== e && !this.bad) this.bad = { row: this.out.n + 1, text: shown(b, s, e) }
    this.out.push(v)
  }
}

/**
 * Distinct byte strings -> dense codes, by an open-addressing table over an FNV-1a hash of the
 * bytes: a repeated value costs a hash and a byte comparison, never a string.
 */
export class Dictionary {
  readonly values: string[] = []
  private readonly keys: Uint8Array[] = []
  private hashes: number[] = []
  private slots = new Int32Array(64).fill(-1)

  code(b: Uint8Array, s: number, e: number, what: string): number {
    let h = 0x811c9dc5
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193)
    let mask = this.slots.length - 1
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const c = this.slots[i]!
      if (c < 0) break
      if (this.hashes[c] === h && same(b, s, e, this.keys[c]!)) return c
    }
    let text: string
    try {
      text = utf8.decode(b.subarray(s, e))
    } catch {
      throw new CellError(`the ${what} is not valid UTF-8`)
    }
    const code = this.values.length
    this.values.push(text)
    this.keys.push(Uint8Array.from(b.subarray(s, e)))
    this.hashes.push(h)
    if (2 * (code + 1) > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2).fill(-1)
      mask = this.slots.length - 1
      for (let c = 0; c <= code; c++) {
        let i = this.hashes[c]! & mask
        while (this.slots[i]! >= 0) i = (i + 1) & mask
        this.slots[i] = c
      }
    } else {
      let i = h & mask
      while (this.slots[i]! >= 0) i = (i + 1) & mask
      this.slots[i] = code
    }
    return code
  }
}

/** Text into dictionary codes; an empty cell is missing (-1) unless `required`. */
export class TextSink implements FieldSink {
  readonly codes = new I32Builder()
  constructor(
    private readonly what: string,
    private readonly required: boolean,
    readonly dict: Dictionary = new Dictionary()
  ) {}
  get values(): readonly string[] {
    return this.dict.values
  }
  /** A sink for another column that shares this one's dictionary (multiclass label and predicted class). */
  shared(what: string): TextSink {
    return new TextSink(what, this.required, this.dict)
  }
  add(b: Uint8Array, s: number, e: number): void {
    if (s === e) {
      if (this.required) throw new CellError(`the ${this.what} is empty`)
      this.codes.push(-1)
      return
    }
    this.codes.push(this.dict.code(b, s, e, this.what))
  }
}

/** Binary class: 1 when the cell equals `positive` byte for byte, else 0; at most two distinct values. */
export class BinaryClassSink implements FieldSink {
  readonly out = new F64Builder()
  private readonly pos: Uint8Array
  private neg: Uint8Array | undefined
  negative: string | undefined
  positives = 0
  constructor(
    private readonly what: string,
    positive: string
  ) {
    this.pos = new TextEncoder().encode(positive)
  }
  add(b: Uint8Array, s: number, e: number): void {
    if (s === e) throw new CellError(`the ${this.what} is empty`)
    if (same(b, s, e, this.pos)) {
      this.positives++
      this.out.push(1)
      return
    }
    if (!this.neg) {
      this.neg = Uint8Array.from(b.subarray(s, e))
      this.negative = shown(b, s, e)
    } else if (!same(b, s, e, this.neg)) {
      throw new CellError(`the ${this.what} ${shown(b, s, e)} is a third value besides the positive class and ${this.negative ?? ''} (a binary task has two classes)`)
    }
    this.out.push(0)
  }
}

function same(b: Uint8Array, s: number, e: number, x: Uint8Array): boolean {
  if (e - s !== x.length) return false
  for (let i = 0; i < x.length; i++) if (b[s + i] !== x[i]) return false
  return true
}

/** A 64-bit hash of each row id (two 32-bit FNV-1a variants), to find repeats without keeping the ids. */
export class RowIdSink implements FieldSink {
  readonly hi = new I32Builder()
  readonly lo = new I32Builder()
  constructor(private readonly what: string) {}
  add(b: Uint8Array, s: number, e: number): void {
    if (s === e) throw new CellError(`the ${this.what} is empty`)
    let h1 = 0x811c9dc5
    let h2 = 0x9e3779b9 ^ (e - s)
    for (let i = s; i < e; i++) {
      const c = b[i] as number
      h1 = Math.imul(h1 ^ c, 0x01000193)
      h2 = Math.imul(h2 ^ c, 0x5bd1e995)
      h2 ^= h2 >>> 15
    }
    this.hi.push(h1)
    this.lo.push(h2)
  }
}
