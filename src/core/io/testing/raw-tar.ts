/**
 * Test-only: writes tar bytes header by header (links, devices, lying or negative sizes, bad
 * checksums, pax and GNU long names, missing end marker).
 */
import { gzipSync } from 'node:zlib'
import { BLOCK, headerChecksum, padding, paxRecord } from '../tar-format'

export interface RawTarEntry {
  readonly name: string
  readonly data?: Buffer
  /** Typeflag: '0' file (default), '1' hardlink, '2' symlink, '3' char device, '5' dir, '6' FIFO, 'x' pax, 'L' GNU long name. */
  readonly type?: string
  readonly linkname?: string
  /** Size field to write instead of data.length (raw 12-byte field when a Buffer). */
  readonly sizeField?: number | Buffer
  readonly pax?: Readonly<Record<string, string>>
  /** Write a GNU 'L' long-name entry before this one. */
  readonly gnuLongName?: string
  readonly badChecksum?: boolean
}

export interface RawTarOptions {
  /** Omit the two zero blocks at the end. */
  readonly noEnd?: boolean
}

function header(name: Buffer, size: number | Buffer, type: string, linkname = '', badChecksum = false): Buffer {
  const b = Buffer.alloc(BLOCK)
  name.copy(b, 0, 0, Math.min(100, name.length))
  b.write('0000644\0', 100, 'latin1')
  b.write('0000000\0', 108, 'latin1')
  b.write('0000000\0', 116, 'latin1')
  if (Buffer.isBuffer(size)) size.copy(b, 124, 0, 12)
  else b.write(size.toString(8).padStart(11, '0') + '\0', 124, 'latin1')
  b.write('00000000000\0', 136, 'latin1')
  b.write(type, 156, 'latin1')
  b.write(linkname, 157, 100, 'utf8')
  b.write('ustar\0', 257, 'latin1')
  b.write('00', 263, 'latin1')
  const sum = headerChecksum(b) + (badChecksum ? 1 : 0)
  b.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1')
  return b
}

export function buildTar(entries: readonly RawTarEntry[], opts: RawTarOptions = {}): Buffer {
  const out: Buffer[] = []
  const push = (data: Buffer): void => {
    out.push(data, Buffer.alloc(padding(data.length)))
  }
  for (const e of entries) {
    if (e.pax) {
      const data = Buffer.concat(Object.entries(e.pax).map(([k, v]) => paxRecord(k, v)))
      out.push(header(Buffer.from('PaxHeader'), data.length, 'x'))
      push(data)
    }
    if (e.gnuLongName !== undefined) {
      const data = Buffer.from(`${e.gnuLongName}\0`, 'utf8')
      out.push(header(Buffer.from('././@LongLink'), data.length, 'L'))
      push(data)
    }
    const data = e.data ?? Buffer.alloc(0)
    out.push(header(Buffer.from(e.name, 'utf8'), e.sizeField ?? data.length, e.type ?? '0', e.linkname ?? '', e.badChecksum ?? false))
    if (data.length > 0) push(data)
  }
  if (!opts.noEnd) out.push(Buffer.alloc(BLOCK * 2))
  return Buffer.concat(out)
}

export function buildTarGz(entries: readonly RawTarEntry[], opts: RawTarOptions = {}): Buffer {
  return gzipSync(buildTar(entries, opts))
}
