/**
 * Test-only catalogue of hostile containers, built from raw bytes at test time (no committed
 * binaries). Each case says what a reader must answer: the finding codes it must report, or the
 * PackReadError code openPackReader must throw. Reused by the verifier and CLI tests.
 */
import { deflateRawSync, gzipSync } from 'node:zlib'
import type { ContainerCode, PackReadErrorCode } from '../codes'
import type { ReadLimits } from '../reader'
import { buildTar, buildTarGz } from './raw-tar'
import { buildZip, unixAttrs } from './raw-zip'

export type HostileExpectation = { readonly codes: readonly ContainerCode[] } | { readonly readError: PackReadErrorCode }

export interface HostileCase {
  readonly id: string
  /** File name to write it under (the extension may lie on purpose). */
  readonly fileName: string
  readonly bytes: () => Buffer
  readonly limits?: Partial<ReadLimits>
  readonly expect: HostileExpectation
}

const txt = (s: string): Buffer => Buffer.from(s, 'utf8')
const BAGIT = txt('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')

function validZip(): Buffer {
  return buildZip([
    { name: 'bagit.txt', data: BAGIT },
    { name: 'data/a.txt', data: txt('hello\n'.repeat(200)) }
  ])
}
function validTar(): Buffer {
  return buildTar([
    { name: 'bagit.txt', data: BAGIT },
    { name: 'data/a.txt', data: txt('hello\n'.repeat(200)) }
  ])
}

export const HOSTILE_CASES: readonly HostileCase[] = [
  // Zip slip and unsafe names
  { id: 'zip-slip-dotdot', fileName: 'slip.zip', bytes: () => buildZip([{ name: '../../evil.txt', data: txt('x') }]), expect: { codes: ['unsafe-path'] } },
  { id: 'zip-absolute', fileName: 'abs.zip', bytes: () => buildZip([{ name: '/etc/x', data: txt('x') }]), expect: { codes: ['unsafe-path'] } },
  { id: 'zip-drive', fileName: 'drive.zip', bytes: () => buildZip([{ name: 'C:/x', data: txt('x') }, { name: 'C:\\y', data: txt('y') }]), expect: { codes: ['unsafe-path'] } },
  { id: 'zip-unc', fileName: 'unc.zip', bytes: () => buildZip([{ name: '\\\\?\\C:\\x', data: txt('x') }]), expect: { codes: ['unsafe-path'] } },
  { id: 'zip-backslash', fileName: 'bs.zip', bytes: () => buildZip([{ name: 'a\\..\\..\\x', data: txt('x') }]), expect: { codes: ['unsafe-path'] } },
  { id: 'zip-not-utf8-name', fileName: 'latin.zip', bytes: () => buildZip([{ name: Buffer.from([0x64, 0xff, 0xfe]), data: txt('x') }]), expect: { codes: ['unsafe-path'] } },
  { id: 'tar-slip', fileName: 'slip.tar', bytes: () => buildTar([{ name: 'a/../../evil', data: txt('x') }]), expect: { codes: ['unsafe-path'] } },
  { id: 'tar-absolute', fileName: 'abs.tar', bytes: () => buildTar([{ name: '/etc/passwd', data: txt('x') }]), expect: { codes: ['unsafe-path'] } },
  { id: 'tar-pax-slip', fileName: 'paxslip.tar', bytes: () => buildTar([{ name: 'safe', pax: { path: '../../evil' }, data: txt('x') }]), expect: { codes: ['unsafe-path'] } },
  { id: 'tar-gnu-longname-slip', fileName: 'gnu.tar', bytes: () => buildTar([{ name: 'safe', gnuLongName: `data/${'x'.repeat(120)}/../../../../x`, data: txt('x') }]), expect: { codes: ['unsafe-path'] } },
  // Links and special files
  { id: 'zip-symlink', fileName: 'link.zip', bytes: () => buildZip([{ name: 'data/link', data: txt('/etc/passwd'), method: 0, externalAttrs: unixAttrs(0o120777) }]), expect: { codes: ['symlink-refused'] } },
  { id: 'zip-device', fileName: 'dev.zip', bytes: () => buildZip([{ name: 'data/dev', data: txt(''), method: 0, externalAttrs: unixAttrs(0o020644) }]), expect: { codes: ['special-file-refused'] } },
  { id: 'tar-symlink-then-file', fileName: 'link.tar', bytes: () => buildTar([{ name: 'x', type: '2', linkname: '/tmp' }, { name: 'x/pwned', data: txt('x') }]), expect: { codes: ['symlink-refused'] } },
  { id: 'tar-hardlink', fileName: 'hard.tar', bytes: () => buildTar([{ name: 'data/passwd', type: '1', linkname: '../../etc/passwd' }]), expect: { codes: ['hardlink-refused'] } },
  { id: 'tar-devices', fileName: 'dev.tar', bytes: () => buildTar([{ name: 'data/chr', type: '3' }, { name: 'data/fifo', type: '6' }]), expect: { codes: ['special-file-refused'] } },
  // Duplicates and collisions
  { id: 'zip-duplicate', fileName: 'dup.zip', bytes: () => buildZip([{ name: 'data/a.txt', data: txt('good') }, { name: 'data/a.txt', data: txt('evil') }]), expect: { codes: ['duplicate-entry'] } },
  { id: 'tar-duplicate', fileName: 'dup.tar', bytes: () => buildTar([{ name: 'data/a.txt', data: txt('good') }, { name: 'data/a.txt', data: txt('evil') }]), expect: { codes: ['duplicate-entry'] } },
  { id: 'zip-nfc-collision', fileName: 'nfc.zip', bytes: () => buildZip([{ name: 'data/caf\u00e9.txt', data: txt('1') }, { name: 'data/cafe\u0301.txt', data: txt('2') }]), expect: { codes: ['name-collision-nfc'] } },
  { id: 'zip-case-collision', fileName: 'case.zip', bytes: () => buildZip([{ name: 'data/Model.bin', data: txt('1') }, { name: 'data/model.bin', data: txt('2') }]), expect: { codes: ['name-collision-case'] } },
  { id: 'tar-case-collision', fileName: 'case.tar', bytes: () => buildTar([{ name: 'data/stra\u00dfe', data: txt('1') }, { name: 'data/STRASSE', data: txt('2') }]), expect: { codes: ['name-collision-case'] } },
  // Bombs and lying sizes
  { id: 'zip-bomb-ratio', fileName: 'bomb.zip', bytes: () => buildZip([{ name: 'data/zeros', data: Buffer.alloc(8 * 1024 * 1024) }]), expect: { codes: ['ratio-exceeded'] } },
  {
    id: 'zip-lying-size',
    fileName: 'lie.zip',
    bytes: () => buildZip([{ name: 'data/small', compressed: deflateRawSync(Buffer.alloc(32 * 1024 * 1024)), declaredSize: 10, data: Buffer.alloc(10) }]),
    expect: { codes: ['size-mismatch'] }
  },
  {
    id: 'zip-overlapping',
    fileName: 'overlap.zip',
    bytes: () =>
      buildZip([
        { name: 'data/a', data: Buffer.alloc(1024 * 1024) },
        { name: 'data/b', data: Buffer.alloc(1024 * 1024), sameOffsetAs: 0 },
        { name: 'data/c', data: Buffer.alloc(1024 * 1024), sameOffsetAs: 0 }
      ]),
    expect: { codes: ['overlapping-entries'] }
  },
  { id: 'zip-header-mismatch', fileName: 'lfh.zip', bytes: () => buildZip([{ name: 'data/x.txt', localName: 'data/x.exe', data: txt('x') }]), expect: { codes: ['header-mismatch'] } },
  { id: 'gzip-bomb', fileName: 'bomb.tar.gz', bytes: () => buildTarGz([{ name: 'data/zeros', data: Buffer.alloc(48 * 1024 * 1024) }]), expect: { codes: ['ratio-exceeded'] } },
  { id: 'too-many-entries', fileName: 'many.tar', limits: { maxEntries: 10 }, bytes: () => buildTar(Array.from({ length: 30 }, (_, i) => ({ name: `data/f${i}` }))), expect: { codes: ['too-many-entries'] } },
  { id: 'too-many-entries-zip', fileName: 'many.zip', limits: { maxEntries: 10 }, bytes: () => buildZip(Array.from({ length: 30 }, (_, i) => ({ name: `data/f${i}`, data: txt('x') }))), expect: { codes: ['too-many-entries'] } },
  { id: 'too-large', fileName: 'large.zip', limits: { maxTotalBytes: 1000 }, bytes: () => buildZip([{ name: 'data/a', data: Buffer.alloc(600, 1) }, { name: 'data/b', data: Buffer.alloc(600, 2) }]), expect: { codes: ['too-large'] } },
  { id: 'deep-path', fileName: 'deep.tar', bytes: () => buildTar([{ name: 'x', pax: { path: `${'a/'.repeat(100)}x` }, data: txt('x') }]), expect: { codes: ['path-too-deep'] } },
  { id: 'long-path', fileName: 'long.zip', bytes: () => buildZip([{ name: `data/${'x'.repeat(2000)}`, data: txt('x') }]), expect: { codes: ['path-too-long'] } },
  // Unsupported features
  { id: 'zip-encrypted', fileName: 'enc.zip', bytes: () => buildZip([{ name: 'data/x', data: txt('x'), flags: 0x0801 }]), expect: { codes: ['encrypted-entry'] } },
  { id: 'zip-method-12', fileName: 'bz.zip', bytes: () => buildZip([{ name: 'data/x', data: txt('x'), method: 12, compressed: txt('BZh') }]), expect: { codes: ['unsupported-compression'] } },
  { id: 'zip64-bad-locator', fileName: 'z64.zip', bytes: () => buildZip([{ name: 'data/x', data: txt('x') }], { badZip64Locator: true }), expect: { codes: ['archive-corrupt'] } },
  // Truncation and corruption
  { id: 'zip-truncated', fileName: 'trunc.zip', bytes: () => validZip().subarray(0, 60), expect: { codes: ['archive-truncated'] } },
  { id: 'tar-truncated', fileName: 'trunc.tar', bytes: () => validTar().subarray(0, 700), expect: { codes: ['archive-truncated'] } },
  { id: 'tar-no-end', fileName: 'noend.tar', bytes: () => buildTar([{ name: 'data/a', data: txt('x') }], { noEnd: true }), expect: { codes: ['archive-truncated'] } },
  { id: 'targz-truncated', fileName: 'trunc.tar.gz', bytes: () => { const g = gzipSync(Buffer.concat([validTar(), Buffer.alloc(4096)])); return g.subarray(0, g.length - 30) }, expect: { codes: ['archive-truncated'] } },
  { id: 'tar-bad-checksum', fileName: 'sum.tar', bytes: () => buildTar([{ name: 'data/a', data: txt('x') }, { name: 'data/b', data: txt('y'), badChecksum: true }]), expect: { codes: ['archive-corrupt'] } },
  { id: 'tar-negative-size', fileName: 'neg.tar', bytes: () => buildTar([{ name: 'data/a', sizeField: Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]) }]), expect: { codes: ['archive-corrupt'] } },
  { id: 'zip-corrupt-deflate', fileName: 'bad.zip', bytes: () => buildZip([{ name: 'data/a', compressed: Buffer.from([0xff, 0xff, 0xff, 0xff]), data: txt('abcd') }]), expect: { codes: ['archive-corrupt'] } },
  { id: 'mixed-top-level', fileName: 'mixed.zip', bytes: () => buildZip([{ name: 'pack/bagit.txt', data: BAGIT }, { name: '__MACOSX/._bagit.txt', data: txt('x') }]), expect: { codes: ['mixed-top-level'] } },
  // Not a pack at all
  { id: 'not-an-archive', fileName: 'report.zip', bytes: () => txt('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'), expect: { readError: 'not-an-archive' } },
  { id: 'gzip-not-tar', fileName: 'notes.tar.gz', bytes: () => gzipSync(txt('just some text, not a tar archive\n'.repeat(40))), expect: { readError: 'not-an-archive' } },
  { id: 'empty-file', fileName: 'empty.zip', bytes: () => Buffer.alloc(0), expect: { readError: 'empty-file' } }
]
