/**
 * The document model an attestation is built from: a flat list of blocks that the paginator flows
 * onto A4 pages. Sections (sections/*.ts) produce blocks from data; nothing here knows about packs.
 */
import type { FontStyle } from '../fonts/font-set'

export type Tone = 'ok' | 'bad' | 'warn' | 'muted' | 'plain'

export interface Cell {
  readonly text: string
  readonly style?: FontStyle
  readonly tone?: Tone
}

export interface Column {
  readonly title: string
  /** Relative width (columns share the text width in proportion). */
  readonly width: number
  readonly align?: 'left' | 'right'
  readonly style?: FontStyle
}

export interface Row {
  readonly cells: readonly (string | Cell)[]
}

export interface StatusBox {
  readonly label: string
  readonly value: string
  readonly detail?: string
  readonly tone: Tone
}

export type Block =
  | { readonly kind: 'title'; readonly eyebrow: string; readonly title: string; readonly subtitle?: string }
  | { readonly kind: 'heading'; readonly text: string; readonly level: 1 | 2 }
  | { readonly kind: 'para'; readonly text: string; readonly style?: FontStyle; readonly tone?: Tone; readonly size?: number }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'table'; readonly columns: readonly Column[]; readonly rows: readonly Row[]; readonly header?: boolean }
  /** Label/value pairs: a two-column table without header. */
  | { readonly kind: 'fields'; readonly rows: readonly (readonly [string, string | Cell])[] }
  | { readonly kind: 'status'; readonly boxes: readonly StatusBox[] }
  | { readonly kind: 'space'; readonly height: number }

export const cell = (text: string, tone?: Tone, style?: FontStyle): Cell => ({ text, tone, style })
export const mono = (text: string, tone?: Tone): Cell => ({ text, tone, style: 'mono' })
export const heading = (text: string, level: 1 | 2 = 1): Block => ({ kind: 'heading', text, level })
export const para = (text: string, tone?: Tone, style?: FontStyle): Block => ({ kind: 'para', text, tone, style })
export const space = (height: number): Block => ({ kind: 'space', height })
