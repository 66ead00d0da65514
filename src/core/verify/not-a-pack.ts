/**
 * Not an Assurance Pack is not a failed pack. A folder or archive with none of the four BagIt tag
 * files at its root (an empty folder, a zip of other files, a folder that holds packs) is not a
 * pack at all: the verifier refuses it with PackReadError 'not-a-pack' (CLI exit 3, the app's "This
 * is not an Assurance Pack (no bagit.txt)"), never a Failed verdict with a dozen findings, a
 * sign-off form and a PDF. A pack that lacks only some of them is a damaged pack and fails
 * verification (tag-file-missing): someone may have removed a file, and the verdict says so.
 */
import { openPackReader } from '../io/open'
import { probeFolder } from '../io/folder-reader'
import { PackReadError } from '../io/reader'
import { REQUIRED_TAG_FILES } from './check'

export const NOT_A_PACK_REASON = 'no bagit.txt'

/** True when at least one BagIt tag file is at the root: then it is a pack, broken or not. */
export function hasBagMarker(rootPaths: Iterable<string>): boolean {
  const markers = new Set<string>(REQUIRED_TAG_FILES)
  for (const p of rootPaths) if (markers.has(p)) return true
  return false
}

/** The refusal, naming the location and, for a folder of packs, the packs inside it. */
export function notAPackError(location: string, packsInside: readonly string[] = []): PackReadError {
  const shown = packsInside.slice(0, 5)
  const rest = packsInside.length - shown.length
  const hint =
    packsInside.length === 0
      ? undefined
      : `It holds ${packsInside.length === 1 ? 'a pack' : `${packsInside.length} packs`}: ${shown.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}; open ${packsInside.length === 1 ? 'it' : 'one of them'}.`
  return new PackReadError('not-a-pack', location, `${location} is not an Assurance Pack (${NOT_A_PACK_REASON}).${hint ? ` ${hint}` : ''}`, NOT_A_PACK_REASON, hint)
}

/**
 * Throws the typed refusal when the location is not an Assurance Pack, as far as can be told without
 * reading every entry: a folder by its root names (cheap), a file by its content (not an archive,
 * empty). An archive's entries are only known after a scan: the verifier checks those (verify.ts).
 */
export async function assertLooksLikePack(location: string): Promise<void> {
  const reader = await openPackReader(location)
  await reader.close()
  if (reader.kind !== 'folder') return
  const probe = await probeFolder(reader.location)
  if (!hasBagMarker(probe.rootNames)) throw notAPackError(reader.location, probe.packsInside)
}
