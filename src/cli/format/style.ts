/**
 * Terminal styling shared by every command: colour only when stdout is a terminal, and never when
 * NO_COLOR is set (no-color.org) or TERM=dumb, so piped output and CI logs stay plain text.
 */
import type { CliIO } from '../command'

export interface Style {
  readonly enabled: boolean
  readonly bold: (s: string) => string
  readonly dim: (s: string) => string
  readonly red: (s: string) => string
  readonly green: (s: string) => string
  readonly yellow: (s: string) => string
  readonly cyan: (s: string) => string
}

const sgr =
  (open: number, close: number) =>
  (s: string): string =>
    `\u001b[${open}m${s}\u001b[${close}m`

const plain = (s: string): string => s

export function colourEnabled(io: Pick<CliIO, 'isTTY' | 'env'>): boolean {
  if (!io.isTTY) return false
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false
  return io.env.TERM !== 'dumb'
}

export function makeStyle(io: Pick<CliIO, 'isTTY' | 'env'>): Style {
  if (!colourEnabled(io)) {
    return { enabled: false, bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain }
  }
  return {
    enabled: true,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39)
  }
}

/** A style that never colours (JSON output, files, tests). */
export const PLAIN: Style = makeStyle({ isTTY: false, env: {} })
