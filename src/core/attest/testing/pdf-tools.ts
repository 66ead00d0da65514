/**
 * Test helpers: run poppler and qpdf on a PDF written to a temp folder, the way an auditor's
 * tools would read it. Tests only (node: imports).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FontBytes } from '../fonts/font-set'
import { FONT_FILES, findFontsDir } from '../node-fonts'

export function testFonts(withCjk = true): FontBytes {
  const dir = findFontsDir()
  const rd = (rel: string): Uint8Array => new Uint8Array(readFileSync(join(dir, rel)))
  return { regular: rd(FONT_FILES.regular), bold: rd(FONT_FILES.bold), mono: rd(FONT_FILES.mono), ...(withCjk ? { cjk: rd(FONT_FILES.cjk) } : {}) }
}

export interface PdfOnDisk {
  readonly dir: string
  readonly path: string
  cleanup(): void
}

export function writeTemp(bytes: Uint8Array, name = 'attestation.pdf'): PdfOnDisk {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-attest-'))
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return { dir, path, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export function qpdfCheck(path: string): { ok: boolean; output: string } {
  const r = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' })
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` }
}

export function pdfText(path: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)]
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...range, path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
}

export function pdfInfo(path: string): string {
  return execFileSync('pdfinfo', [path], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } })
}

export function pdfPages(path: string): number {
  const info = pdfInfo(path)
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0)
}

export function pdfAttachments(path: string): string[] {
  const out = execFileSync('pdfdetach', ['-list', path], { encoding: 'utf8' })
  return out.split('\n').slice(1).map((l) => l.replace(/^\d+:\s*/, '').trim()).filter(Boolean)
}

/** Extracts every attachment; returns name -> bytes. */
export function extractAttachments(path: string, into: string): Map<string, Uint8Array> {
  execFileSync('pdfdetach', ['-saveall', '-o', into, path])
  return new Map(readdirSync(into).map((n) => [n, new Uint8Array(readFileSync(join(into, n)))]))
}

/** Renders one page to PNG; returns its path. */
export function renderPage(path: string, page: number, outPrefix: string, dpi = 60): string {
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-f', String(page), '-l', String(page), '-singlefile', path, outPrefix])
  return `${outPrefix}.png`
}

/** Fraction of dark pixels (< 128) in a region of a page rendered in grey at 72 dpi (1 px = 1 pt). */
export function inkInRegion(path: string, page: number, region: { x: number; y: number; w: number; h: number }): number {
  const pgm = execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', String(page), '-l', String(page), '-x', String(region.x), '-y', String(region.y), '-W', String(region.w), '-H', String(region.h), path])
  // PGM (P5): "P5\n<w> <h>\n255\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'))
  if (!header) throw new Error('pdftoppm did not return a PGM image')
  const pixels = pgm.subarray(header[0].length)
  let dark = 0
  for (const v of pixels) if (v < 128) dark++
  return dark / Math.max(1, pixels.length)
}
