/**
 * Test-only helpers for any test in the project: hostile containers built from raw bytes, raw zip
 * and tar writers, and folder fixtures. Never imported by production code.
 */
export { HOSTILE_CASES, type HostileCase, type HostileExpectation } from './hostile'
export { buildZip, unixAttrs, type RawZipEntry, type RawZipOptions } from './raw-zip'
export { buildTar, buildTarGz, type RawTarEntry, type RawTarOptions } from './raw-tar'
export { buildHashWorker, noise, sampleBag, sha256Hex, writeFolder, type FileMap } from './fixtures'
