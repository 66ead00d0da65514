/**
 * The one typed contract between the hosts (Electron main, the `vouch serve` loopback host) and the
 * renderer. Every channel is declared once here: name (`<area>:<verb>`), positional argument
 * validators (run in the host on every call) and result type. Main-to-renderer events are in EVENTS.
 * Results cross the boundary as `Result<T>`: never a thrown error, never a stack trace.
 * The renderer-facing API type (`VouchApi`) is derived from this in ./api.ts.
 */
import type {
  Assessment,
  FolderListing,
  Prefs,
  PreviousChoice,
  AttestOutcome,
  ChecklistItem,
  CompareCurves,
  HostInfo,
  KeyInfo,
  OpenedPack,
  PackCurves,
  PackDiff,
  PackProgress,
  RecentPack,
  SamplePack,
  SignResult,
  TrustFile,
  VerifyReport
} from './domain'
import { args, arr, bool, literal, obj, opt, res, str, type Infer, type Validator } from './validate'

// ---- Argument vocabulary (each a one-line reason for its bound) ----

/** Absolute POSIX or Windows path; existence and kind are checked by the handler. */
export const absPath = str({ min: 1, max: 4096, pattern: /^(\/|[A-Za-z]:[\\/]|\\\\)/, what: 'an absolute path' })
/**
 * A path a person typed: absolute, or relative / `~/…` where the host can resolve it (`vouch serve`:
 * against the folder it was started in, HostInfo.cwd); the handler resolves and checks it.
 */
export const userPath = str({ min: 1, max: 4096, pattern: /\S/, what: 'a path' })
/** Handles minted by pack:open: the renderer names packs by handle, not by path. */
export const packId = str({ max: 40, pattern: /^pk_[0-9a-f]{16,32}$/, what: 'a pack handle from pack:open' })
/** Chosen by the renderer so progress events can be matched before the call returns. */
export const jobId = str({ min: 1, max: 64, pattern: /^[A-Za-z0-9_-]+$/, what: 'a job id (letters, digits, - and _)' })
/** A key's fingerprint doubles as its id. */
export const keyId = str({ max: 72, pattern: /^ed25519:[0-9a-f]{64}$/, what: 'a key fingerprint (ed25519:<64 hex>)' })
export const role = str({ min: 1, max: 32, pattern: /^[a-z][a-z0-9-]*$/, what: 'a role (lowercase letters, digits, -)' })
/** Signer names go into trust-file lines and PDFs: no control characters. */
export const personName = str({ min: 1, max: 128, pattern: /^[^\p{Cc}]+$/u, what: 'a name without control characters' })
export const passphrase = str({ min: 1, max: 1024 })
export const checklistAnswer = obj({
  id: str({ min: 1, max: 64, pattern: /^[a-z0-9][a-z0-9._-]*$/, what: 'a checklist item id' }),
  answer: literal('yes', 'no', 'n/a'),
  note: opt(str({ max: 2000 }))
})
export const signRequest = obj({
  keyId,
  passphrase,
  role,
  decision: literal('approve', 'reject'),
  answers: arr(checklistAnswer, 200),
  comment: opt(str({ max: 4000 })),
  /** The signer accepts the release gate's blocking reasons (they are signed into the statement). */
  acknowledgeBlockers: opt(bool)
})
export const keyCreateRequest = obj({ name: personName, role, passphrase })
export const trustText = str({ max: 1_000_000 })
/** A slice id as slices.json writes it (the format's ID_PATTERN; a test keeps the two equal); the handler checks the pack has it. */
export const sliceId = str({ min: 1, max: 256, pattern: /^[A-Za-z0-9][A-Za-z0-9._:-]*$/, what: 'a slice id' })

// ---- Channels ----

interface ChannelSpec<A extends readonly unknown[], R> {
  readonly args: Validator<A>
  readonly result: Validator<R>
}
const ch = <A extends readonly unknown[], R>(a: Validator<A>, r: Validator<R>): ChannelSpec<A, R> => ({ args: a, result: r })

export const CHANNELS = {
  /** Which host this is and what it can do (dialogs only in Electron). */
  'app:info': ch(args(), res<HostInfo>()),
  /** Open a folder or archive: returns a handle and what can be read without hashing. Adds it to recent packs. */
  'pack:open': ch(args(userPath), res<OpenedPack>()),
  /** Forget a handle and its cached report. */
  'pack:close': ch(args(packId), res<null>()),
  /**
   * Verify (hash everything); streams pack:progress {jobId} at least 5/s while hashing. After
   * pack:cancel it resolves with a report whose status is 'incomplete' (the UI shows Incomplete).
   */
  'pack:verify': ch(args(packId, jobId), res<VerifyReport>()),
  /** Cancel a running job (verify or the verification inside diff:compute). */
  'pack:cancel': ch(args(jobId), res<{ readonly cancelled: boolean }>()),
  /**
   * The one verdict on an opened pack (src/core/assess), with the app's inputs: its trust file, the
   * previous release when it sits beside the pack (verified under jobId when needed), and approval
   * required once the trust file lists a key. Every badge and the PDF render this.
   */
  'pack:assess': ch(args(packId, opt(jobId)), res<Assessment>()),
  /** The embedded sample packs (resources/samples). */
  'pack:samples': ch(args(), res<readonly SamplePack[]>()),
  /** The pack given on the command line (file association), if any; open it with pack:open. */
  'pack:startup': ch(args(), res<string | null>()),
  /** Recent packs, newest first (persisted in the user-data dir; pack:open adds, samples excluded). */
  'recent:get': ch(args(), res<readonly RecentPack[]>()),
  'recent:clear': ch(args(), res<null>()),
  /** Forget one recent pack (by the path recent:get gave). */
  'recent:remove': ch(args(absPath), res<readonly RecentPack[]>()),
  /**
   * Compare two opened packs (old, new); verifies each first when not yet verified (progress under
   * jobId). The diff carries both verifications (diff.verification), so a failure is never hidden.
   * Error 'cancelled' after pack:cancel(jobId).
   */
  'diff:compute': ch(args(packId, packId, opt(jobId)), res<PackDiff>()),
  /** The previous release the app uses for this pack (its choice, else the one Previous-Version names beside it): an absolute path for pack:open. */
  'diff:previous': ch(args(packId), res<string | null>()),
  /**
   * Which previous release pack:assess, the checklist, signing and the PDF use for this pack:
   * 'auto' (the release Previous-Version names, when it sits beside the pack), 'none', or 'path' (the
   * pack at the given path, checked to be a pack). Re-assess afterwards with pack:assess.
   */
  'pack:setPrevious': ch(args(packId, literal('auto', 'none', 'path'), opt(userPath)), res<PreviousChoice>()),
  /** The checklist, pre-evaluated from the pack's evidence (against the given previous release, else the one pack:assess uses). */
  'signoff:checklist': ch(args(packId, opt(packId)), res<readonly ChecklistItem[]>()),
  /**
   * Sign with a key from the key store; the key is decrypted in the host only. Writes into the pack
   * safely, after the one approval rule (error 'approval-refused': nothing written). An embedded
   * sample is never written: the host signs a copy in its workspace and says where (SignResult.copy).
   */
  'signoff:sign': ch(args(packId, signRequest), res<SignResult>()),
  'keys:list': ch(args(), res<readonly KeyInfo[]>()),
  'keys:create': ch(args(keyCreateRequest), res<KeyInfo>()),
  /** Import an encrypted private key file or a .pub file into the key store. */
  'keys:import': ch(args(userPath), res<KeyInfo>()),
  /** The `.pub` line of a key, to copy or save. */
  'keys:exportPublic': ch(args(keyId), res<string>()),
  'trust:get': ch(args(), res<TrustFile>()),
  /** Replace the trust file; refused with 'invalid-trust' (and nothing written) when a line does not parse. */
  'trust:save': ch(args(trustText), res<TrustFile>()),
  /**
   * The charts of a pack's evaluation (docs/curves.md) on its population, or on one slice: point lists
   * computed in core from the predictions the pack ships (verified first when needed); cached per pack.
   * `available: false` with the reason when there is nothing to draw from. Error 'not-found' for a slice
   * the pack does not have.
   */
  'curves:pack': ch(args(packId, opt(sliceId)), res<PackCurves>()),
  /** The same charts of two opened packs (old, new), binned alike, for the overlay in Compare; slices matched by id. */
  'curves:compare': ch(args(packId, packId, opt(sliceId)), res<CompareCurves>()),
  /** Export the PDF attestation of pack:assess's assessment: a native save dialog in Electron, a download URL in the loopback host. */
  'attest:export': ch(args(packId), res<AttestOutcome>()),
  /** Native open dialog (Electron only; the loopback host answers 'unsupported'). Null when cancelled. */
  'dialog:openPack': ch(args(opt(literal('file', 'folder'))), res<string | null>()),
  /**
   * Where there is no native dialog (`vouch serve`): one folder's sub-folders and archives, to pick
   * a pack without typing its path (HostInfo.browse). Names only, never contents; hidden entries
   * and links are left out; at most MAX_LISTED entries. Electron answers 'unsupported'.
   */
  'fs:list': ch(args(opt(userPath)), res<FolderListing>()),
  /** The app's own preferences (theme), kept in the profile folder. */
  'prefs:get': ch(args(), res<Prefs>()),
  'prefs:set': ch(args(obj({ theme: literal('system', 'light', 'dark') })), res<Prefs>())
} as const satisfies Record<`${string}:${string}`, ChannelSpec<readonly unknown[], unknown>>

export type Channel = keyof typeof CHANNELS
export type ArgsOf<C extends Channel> = Infer<(typeof CHANNELS)[C]['args']>
export type ResultOf<C extends Channel> = Infer<(typeof CHANNELS)[C]['result']>

export const CHANNEL_NAMES: readonly Channel[] = Object.keys(CHANNELS) as Channel[]

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CHANNELS, name)
}

/** Validates the argument list of a call; undefined when valid, else one line for the log and the caller. */
export function checkArgs(channel: Channel, argList: unknown): string | undefined {
  return CHANNELS[channel].args.check(argList, 'args')
}

// ---- Events (host -> renderer) ----

export const EVENTS = {
  /** Hashing progress of a job, throttled to between 5 and 20 per second, plus a final one. */
  'pack:progress': res<PackProgress>(),
  /** The host asks the UI to open a path: menu Open (Ctrl/Cmd+O), a file handed to a running app. */
  'app:openPath': res<{ readonly path: string }>()
} as const
export type EventName = keyof typeof EVENTS
export type EventPayload<E extends EventName> = Infer<(typeof EVENTS)[E]>

// ---- Results ----

/** Stable error codes; core codes (e.g. a PackReadError's) may also appear. */
export const ERROR_CODES = [
  'invalid-argument',
  'forbidden',
  'not-found',
  'unknown-pack',
  'unreadable',
  'cancelled',
  'unsupported',
  'wrong-passphrase',
  'invalid-trust',
  'approval-refused',
  'write-failed',
  'internal'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number] | (string & {})

export interface ApiError {
  readonly code: ErrorCode
  /** One line for people: names the file and the rule; never a stack trace. */
  readonly message: string
  readonly path?: string
  /** For "not an Assurance Pack": the rule in a few words ("no bagit.txt"). */
  readonly reason?: string
  /** One more sentence a person can act on ("It holds 2 packs: …; open one of them."). */
  readonly hint?: string
}

/**
 * Codes that mean "this is not an Assurance Pack" (core's NOT_A_PACK_CODES, kept equal by a test):
 * the app says so, offers nothing else and keeps it out of Recent packs.
 */
export const NOT_A_PACK_ERROR_CODES: readonly string[] = ['not-a-pack', 'not-an-archive', 'empty-file']

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (code: ErrorCode, message: string, path?: string): Result<never> => ({
  ok: false,
  error: path === undefined ? { code, message } : { code, message, path }
})
