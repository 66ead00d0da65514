/**
 * Finding codes of the pack format and the verifier. Stable strings: never rename one (packs,
 * CI gates and attestations refer to them). Every code here is documented in docs/pack-format.md
 * (a test checks it). Container codes (unsafe paths, bombs, ...) live in src/core/io/codes.ts.
 */
import { findingFactory, type CodeInfo } from '../findings'

export type { CodeInfo }

const table = [
  // Tag files and BagIt structure
  { code: 'tag-file-missing', severity: 'error', description: 'A required tag file (bagit.txt, bag-info.txt, manifest-sha256.txt or tagmanifest-sha256.txt) is absent.' },
  { code: 'tag-file-encoding', severity: 'error', description: 'A tag file starts with a byte order mark or is not valid UTF-8.' },
  { code: 'bagit-txt-invalid', severity: 'error', description: 'bagit.txt is not exactly the BagIt 1.0 declaration (BagIt-Version: 1.0, Tag-File-Character-Encoding: UTF-8).' },
  { code: 'bag-info-malformed', severity: 'error', description: 'A line of bag-info.txt is not "Label: value" or a continuation line.' },
  { code: 'bag-info-label-missing', severity: 'error', description: 'A label the Assurance Pack profile requires is missing from bag-info.txt.' },
  { code: 'bag-info-label-repeated', severity: 'error', description: 'A label that may appear only once appears more than once in bag-info.txt.' },
  { code: 'bag-info-value-invalid', severity: 'error', description: 'A bag-info.txt value has the wrong form (Payload-Oxum, Bagging-Date, Source-Commit, Pack-Profile); at build, a value to be copied there holds a format character above U+FFFF (e.g. a tag character) that it would have to escape.' },
  { code: 'payload-oxum-mismatch', severity: 'error', description: 'Payload-Oxum (octets.files) does not match the payload actually present.' },
  { code: 'fetch-not-allowed', severity: 'error', description: 'fetch.txt is present: an Assurance Pack must carry all its payload.' },
  { code: 'manifest-ignored', severity: 'warning', description: 'A manifest for another algorithm (e.g. manifest-md5.txt) is present; only SHA-256 manifests are checked.' },
  // Manifest lines
  { code: 'manifest-line-malformed', severity: 'error', description: 'A manifest line is not "<64 hex>  <path>" (line number given).' },
  { code: 'manifest-line-noncanonical', severity: 'warning', description: 'A manifest line uses one space, a tab, several spaces or the "*" binary marker instead of exactly two spaces; accepted.' },
  { code: 'manifest-duplicate-entry', severity: 'error', description: 'A path is listed twice in one manifest (compared after percent-decoding and NFC).' },
  { code: 'manifest-path-unsafe', severity: 'error', description: 'A manifest path is absolute, has a drive letter, "..", "." or empty segments, or a backslash.' },
  { code: 'manifest-path-outside-payload', severity: 'error', description: 'manifest-sha256.txt lists a path that is not under data/.' },
  { code: 'tagmanifest-lists-payload', severity: 'error', description: 'tagmanifest-sha256.txt lists a payload file (a path under data/).' },
  { code: 'tagmanifest-incomplete', severity: 'error', description: 'tagmanifest-sha256.txt does not cover bagit.txt, bag-info.txt and manifest-sha256.txt.' },
  { code: 'signoff-in-manifest', severity: 'error', description: 'A file under signoffs/ is listed in a manifest: sign-offs must stay outside the pack digest.' },
  // Files
  { code: 'file-missing', severity: 'error', description: 'A file listed in a manifest is not in the pack.' },
  { code: 'file-unexpected', severity: 'error', description: 'A file under data/ is not listed in manifest-sha256.txt.' },
  { code: 'hash-mismatch', severity: 'error', description: "A file's SHA-256 differs from its manifest entry." },
  { code: 'tag-file-unlisted', severity: 'warning', description: 'A tag file outside data/ and signoffs/ is not covered by tagmanifest-sha256.txt, so nothing protects it.' },
  // Evidence documents
  { code: 'evidence-missing', severity: 'error', description: 'A required evidence document (data/pack.json, data/traceability.json, ...) is absent.' },
  { code: 'evidence-too-large', severity: 'error', description: 'An evidence document is larger than the size cap for evidence JSON (16 MiB) and was not parsed.' },
  { code: 'json-invalid', severity: 'error', description: 'An evidence document is not strict JSON: syntax error, BOM, invalid UTF-8, lone surrogate, NaN/Infinity, out-of-range number or trailing garbage (line:column given).' },
  { code: 'json-duplicate-key', severity: 'error', description: 'An evidence document repeats a key in one object (line:column given).' },
  { code: 'schema-invalid', severity: 'error', description: 'An evidence document does not match its JSON Schema (the JSON pointer of the bad field is given).' },
  { code: 'schema-unknown-field', severity: 'warning', description: 'An evidence document has a field its schema does not define (often a typo); it is ignored.' },
  { code: 'duplicate-id', severity: 'error', description: 'Two items of one evidence document share an id.' },
  { code: 'reference-unresolved', severity: 'error', description: 'An id reference does not resolve (failure slice, metric dataset, monitoring metric or slice, slice metric, model file, the monitoredBy of a risk or failure mode).' },
  { code: 'threshold-not-met', severity: 'info', description: 'A metric does not meet its own threshold (compared exactly on the decimal literals). Reported, not a verification failure.' },
  // Traceability
  { code: 'traceability-missing', severity: 'error', description: 'A traceability field (commit, data version, run ID, ...) is missing or empty.' },
  { code: 'traceability-invalid', severity: 'error', description: 'A traceability field has the wrong form (commit not a full 40/64-hex hash, digest not sha256:<hex>, timestamp not RFC 3339).' },
  { code: 'traceability-inconsistent', severity: 'error', description: 'Traceability disagrees with itself or with bag-info.txt / pack.json (e.g. Source-Commit differs from traceability.json commit, started after finished).' },
  // Run
  { code: 'verify-cancelled', severity: 'error', description: 'Verification was cancelled before it finished: the pack is neither verified nor failed (status incomplete).' }
] as const satisfies readonly CodeInfo[]

export type FormatCode = (typeof table)[number]['code']

export const FORMAT_CODES: readonly CodeInfo[] = table

const factory = findingFactory(table)

/** The severity registered for a format code. */
export const severityOf = factory.severityOf

/** A finding with the code's registered severity. */
export const formatFinding = factory.make
