/**
 * A streaming RFC 4180 CSV reader over bytes: fields separated by ",", records by CRLF, LF or CR,
 * fields optionally in double quotes ("" inside quotes is one quote; quoted fields may hold commas
 * and line breaks). The first record is the header. Empty lines are skipped (as pandas does). A
 * UTF-8 byte order mark before the header is skipped. Only the fields a plan asks for are handed
 * on, as byte ranges of the chunk (no string per cell); a record is handed on only once complete,
 * so a record cut by a chunk boundary is re-read from the carried bytes.
 */

const QUOTE = 0x22
const COMMA = 0x2c
const LF = 0x0a
const CR = 0x0d

export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
    readonly column?: string
  ) {
    super(`line ${line}${column !== undefined ? `, column ${column}` : ''}: ${detail}`)
    this.name = 'CsvError'
  }
}

/** A cell that a column sink refuses (the parser adds the line and column). */
export class CellError extends Error {
  constructor(readonly detail: string) {
    super(detail)
    this.name = 'CellError'
  }
}

export interface FieldSink {
  /** One cell: bytes [start, end) of `buf` (already unescaped when the field had "" escapes). */
  add(buf: Uint8Array, start: number, end: number): void
}

export interface CsvPlan {
  /** Header field index -> sink (undefined: the field is not read). */
  readonly sinks: readonly (FieldSink | undefined)[]
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** A copy of buf[from..] (Buffer#slice would be a view of a buffer the source reuses). */
function copy(buf: Uint8Array, from: number): Uint8Array {
  const out = new Uint8Array(buf.length - from)
  out.set(buf.subarray(from))
  return out
}

export class CsvReader {
  private carry: Uint8Array | undefined
  private line = 1
  private header: readonly string[] | undefined
  private sinks: readonly (FieldSink | undefined)[] = []
  private wanted: Int32Array = new Int32Array(0)
  private starts = new Int32Array(64)
  private ends = new Int32Array(64)
  private quoted = new Uint8Array(64)
  private first = true
  /** Data records read so far. */
  rows = 0

  constructor(
    /** Called with the header names; returns which fields go where. Throw CsvError to refuse the header. */
    private readonly onHeader: (names: readonly string[]) => CsvPlan,
    /** Called after every data record's fields were handed on. */
    private readonly onRecord: () => void = () => undefined
  ) {}

  /** Header names (after the first record). */
  get names(): readonly string[] | undefined {
    return this.header
  }

  push(chunk: Uint8Array): void {
    // One element type for every chunk (a Node Buffer is a Uint8Array subclass): keeps the byte loop monomorphic.
    let buf = chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    if (this.carry) {
      buf = new Uint8Array(this.carry.length + chunk.length)
      buf.set(this.carry, 0)
      buf.set(chunk, this.carry.length)
    }
    if (this.first && buf.length < 3 && buf.length > 0 && buf[0] === 0xef) {
      this.carry = copy(buf, 0)
      return
    }
    const used = this.parse(buf, false)
    this.carry = used < buf.length ? copy(buf, used) : undefined
  }

  end(): void {
    const buf = this.carry ?? new Uint8Array(0)
    this.carry = undefined
    if (buf.length > 0) this.parse(buf, true)
    if (!this.header) throw new CsvError(1, 'the file is empty: no header row')
  }

  /** Parses complete records; returns the offset of the first byte not consumed. */
  private parse(buf: Uint8Array, final: boolean): number {
    const n = buf.length
    let pos = 0
    if (this.first) {
      if (n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3
      this.first = false
    }
    while (pos < n) {
      const recStart = pos
      let line = this.line
      let nf = 0
      for (;;) {
        let start = pos
        let end: number
        let q = 0
        if (buf[pos] === QUOTE) {
          q = 1
          pos++
          start = pos
          for (;;) {
            if (pos >= n) {
              if (final) throw new CsvError(this.line, 'a quoted field is not closed before the end of the file')
              return recStart
            }
            const c = buf[pos] as number
            if (c === QUOTE) {
              if (pos + 1 >= n && !final) return recStart
              if (buf[pos + 1] === QUOTE) {
                q = 2
                pos += 2
                continue
              }
              end = pos
              pos++
              break
            }
            if (c === LF) line++
            pos++
          }
          if (pos < n) {
            const c = buf[pos] as number
            if (c !== COMMA && c !== LF && c !== CR) throw new CsvError(line, 'a character follows the closing quote of a field (RFC 4180: a quoted field ends at its closing quote)')
          } else if (!final) return recStart
        } else {
          while (pos < n) {
            const c = buf[pos] as number
            if (c === COMMA || c === LF || c === CR) break
            if (c === QUOTE) throw new CsvError(line, 'a double quote inside an unquoted field (RFC 4180: quote the whole field and double the quote)')
            pos++
          }
          end = pos
          if (pos >= n && !final) return recStart
        }
        if (nf === this.starts.length) this.grow()
        this.starts[nf] = start
        this.ends[nf] = end
        this.quoted[nf] = q
        nf++
        if (pos >= n) break
        const c = buf[pos] as number
        if (c === COMMA) {
          pos++
          if (pos >= n) {
            if (!final) return recStart
            // "a,b," at the very end: one more empty field.
            if (nf === this.starts.length) this.grow()
            this.starts[nf] = pos
            this.ends[nf] = pos
            this.quoted[nf] = 0
            nf++
            break
          }
          continue
        }
        if (c === CR) {
          if (pos + 1 >= n && !final) return recStart
          pos++
          if (pos < n && buf[pos] === LF) pos++
        } else pos++
        line++
        break
      }
      const recLine = this.line
      this.line = line
      if (nf === 1 && this.quoted[0] === 0 && this.starts[0] === this.ends[0]) continue
      this.record(buf, nf, recLine)
    }
    return n
  }

  private grow(): void {
    const m = this.starts.length * 2
    const s = new Int32Array(m)
    s.set(this.starts)
    const e = new Int32Array(m)
    e.set(this.ends)
    const q = new Uint8Array(m)
    q.set(this.quoted)
    this.starts = s
    this.ends = e
    this.quoted = q
  }

  private record(buf: Uint8Array, nf: number, line: number): void {
    if (!this.header) {
      const names: string[] = []
      for (let j = 0; j < nf; j++) {
        const cell = this.cell(buf, j)
        try {
          names.push(utf8.decode(cell[2].subarray(cell[0], cell[1])))
        } catch {
          throw new CsvError(line, `header field ${j + 1} is not valid UTF-8`)
        }
      }
      const seen = new Set<string>()
      for (const nm of names) {
        if (seen.has(nm)) throw new CsvError(line, `the header names column "${nm}" twice`)
        seen.add(nm)
      }
      this.header = names
      const plan = this.onHeader(names)
      this.sinks = plan.sinks
      const w: number[] = []
      plan.sinks.forEach((s, j) => {
        if (s) w.push(j)
      })
      this.wanted = Int32Array.from(w)
      return
    }
    if (nf !== this.header.length) throw new CsvError(line, `the record has ${nf} field${nf === 1 ? '' : 's'}, the header has ${this.header.length}`)
    const wanted = this.wanted
    for (let k = 0; k < wanted.length; k++) {
      const j = wanted[k] as number
      const sink = this.sinks[j] as FieldSink
      try {
        if (this.quoted[j] === 2) {
          const [s, e, b] = this.cell(buf, j)
          sink.add(b, s, e)
        } else sink.add(buf, this.starts[j] as number, this.ends[j] as number)
      } catch (err) {
        if (err instanceof CellError) throw new CsvError(line, err.detail, this.header[j])
        throw err
      }
    }
    this.rows++
    this.onRecord()
  }

  /** Field j as [start, end, bytes], with "" unescaped into a copy when needed. */
  private cell(buf: Uint8Array, j: number): [number, number, Uint8Array] {
    const s = this.starts[j] as number
    const e = this.ends[j] as number
    if (this.quoted[j] !== 2) return [s, e, buf]
    const out = new Uint8Array(e - s)
    let o = 0
    for (let i = s; i < e; i++) {
      out[o++] = buf[i] as number
      if (buf[i] === QUOTE) i++
    }
    return [0, o, out]
  }
}
