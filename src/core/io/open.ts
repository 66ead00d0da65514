/**
 * openPackReader: the one entry point to read a pack, whatever its container.
 * Detects the container by content (magic bytes), never by extension.
 */
import type { PackReader } from './reader'

export interface OpenOptions {
  /** Force a container kind instead of detecting (tests). */
  readonly kind?: never
}

export async function openPackReader(location: string, _opts: OpenOptions = {}): Promise<PackReader> {
  throw new Error(`openPackReader not implemented yet: ${location}`)
}
