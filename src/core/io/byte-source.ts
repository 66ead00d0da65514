/**
 * Pull exact byte counts out of a stream of chunks (the tar parser's view of a file or gunzip
 * stream). Never holds more than one chunk plus the bytes asked for.
 */
export class Truncated extends Error {
  constructor() {
    super('unexpected end of archive')
    this.name = 'Truncated'
  }
}

export class ByteSource {
  private buf: Buffer = Buffer.alloc(0)
  private done = false
  /** Total bytes handed out so far (offset in the uncompressed stream). */
  position = 0

  constructor(private readonly it: AsyncIterator<Buffer>) {}

  private async fill(): Promise<boolean> {
    if (this.done) return false
    const r = await this.it.next()
    if (r.done) {
      this.done = true
      return false
    }
    this.buf = this.buf.length === 0 ? r.value : Buffer.concat([this.buf, r.value])
    return true
  }

  /** Exactly n bytes, or the shorter remainder at end of stream (caller checks length). */
  async read(n: number): Promise<Buffer> {
    while (this.buf.length < n) if (!(await this.fill())) break
    const take = Math.min(n, this.buf.length)
    const out = this.buf.subarray(0, take)
    this.buf = this.buf.subarray(take)
    this.position += take
    return out
  }

  /** Yields exactly n bytes in chunks; throws Truncated if the stream ends first. */
  async *chunks(n: number): AsyncGenerator<Buffer> {
    let left = n
    while (left > 0) {
      if (this.buf.length === 0 && !(await this.fill())) throw new Truncated()
      const take = Math.min(left, this.buf.length)
      const out = this.buf.subarray(0, take)
      this.buf = this.buf.subarray(take)
      this.position += take
      left -= take
      yield out
    }
  }

  /** Discards n bytes; throws Truncated if the stream ends first. */
  async skip(n: number): Promise<void> {
    for await (const _ of this.chunks(n)) {
      // discard
    }
  }

  /** True when no byte is left (reads ahead at most one chunk). */
  async atEnd(): Promise<boolean> {
    if (this.buf.length > 0) return false
    return !(await this.fill())
  }
}
