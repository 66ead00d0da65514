/**
 * The document model an attestation is built from: a flat list of blocks that the paginator flows
 * onto A4 pages. Sections (sections/*.ts) produce blocks from data; nothing here knows about packs.
 */
import type { FontStyle } from '../fonts/font-set'
import type { Rgb } from './paginate'

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

/**
 * What a figure draws, in its own box: x from the text's left edge, y DOWN from the figure's top
 * (the drawing model's convention); the paginator places the box and flips y.
 */
export type FigureItem =
  | { readonly kind: 'text'; readonly x: number; readonly y: number; readonly text: string; readonly style: FontStyle; readonly size: number; readonly color: Rgb; readonly anchor?: 'start' | 'middle' | 'end'; /** Cut with an ellipsis to this width. */ readonly maxWidth?: number }
  | { readonly kind: 'path'; readonly points: readonly (readonly [number, number])[]; readonly color: Rgb; readonly width: number; readonly dash?: readonly number[] }
  | { readonly kind: 'circle'; readonly x: number; readonly y: number; readonly r: number; readonly color: Rgb; readonly filled: boolean }
  | { readonly kind: 'rect'; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly fill?: Rgb; readonly stroke?: Rgb }

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
  /** Vector drawing (charts), kept whole on one page. */
  | { readonly kind: 'figure'; readonly height: number; readonly items: readonly FigureItem[]; /** How many of the following paragraphs (its captions) to keep on its page. */ readonly keepNext?: number }

export const cell = (text: string, tone?: Tone, style?: FontStyle): Cell => ({ text, tone, style })
export const mono = (text: string, tone?: Tone): Cell => ({ text, tone, style: 'mono' })
export const heading = (text: string, level: 1 | 2 = 1): Block => ({ kind: 'heading', text, level })
export const para = (text: string, tone?: Tone, style?: FontStyle): Block => ({ kind: 'para', text, tone, style })
export const space = (height: number): Block => ({ kind: 'space', height })
