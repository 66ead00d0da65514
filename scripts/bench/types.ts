/**
 * The bench's plug-in shape: each section (verify, diff, PDF, app) is a module exporting a
 * BenchSection, registered in sections.ts. Sections share one context (the cached large pack,
 * the built CLI, the measuring helpers) and return rows and targets; bench.ts prints them.
 */
export interface BenchArgs {
  /** Payload bytes of the generated large pack. */
  readonly sizeBytes: number
  /** Number of small payload files in it (besides the few big ones). */
  readonly smallFiles: number
  readonly bigFiles: number
  /** Timed runs per command; the median is reported. */
  readonly runs: number
  /** Section ids to run (empty: all). */
  readonly only: readonly string[]
  /** Exit 1 when a target fails. */
  readonly strict: boolean
}

export interface BigPack {
  /** Folder of the built pack. */
  readonly folder: string
  /** The same pack as a deterministic .zip (what `vouch pack` writes); undefined when it could not be written. */
  readonly zip?: string
  /** Why there is no zip. */
  readonly zipError?: string
  /** Every file the verifier hashes (payload and tag files), absolute paths. */
  readonly files: readonly string[]
  readonly payloadFiles: number
  readonly payloadBytes: number
}

export interface BenchContext {
  /** Repository root. */
  readonly root: string
  /** The bench folder (VOUCH_BENCH_DIR, else <tmp>/vouch-bench): generated inputs, cached between runs. */
  readonly dir: string
  /** The built CLI entry (out/cli/vouch.js). */
  readonly cli: string
  readonly args: BenchArgs
  /** Generates (or reuses) the large pack. */
  readonly bigPack: () => Promise<BigPack>
  readonly log: (line: string) => void
}

export interface Row {
  readonly label: string
  readonly wallMs?: number
  readonly peakRssMb?: number
  readonly cpuMs?: number
  /** e.g. "0.52x openssl" */
  readonly ratio?: string
  readonly detail?: string
}

export interface Target {
  readonly name: string
  readonly pass: boolean
  /** The measured value against the target, e.g. "0.52x <= 0.65x". */
  readonly detail: string
}

export interface SectionResult {
  readonly rows: readonly Row[]
  readonly targets: readonly Target[]
  readonly notes?: readonly string[]
}

export interface BenchSection {
  readonly id: string
  readonly title: string
  readonly run: (ctx: BenchContext) => Promise<SectionResult>
}
