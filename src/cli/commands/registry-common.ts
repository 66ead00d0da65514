/**
 * What push, pull, gate, log and `sign --push` share: the transport flags, opening a client for the
 * registry the user named (credentials from the environment or the Docker config, never printed),
 * and turning every registry failure into one line on stderr and exit 3.
 */
import { rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { flagBool, flagString, type FlagSpec, type ParsedArgs } from '../args'
import { EXIT, UsageError, type CliIO, type ExitCode } from '../command'
import { RegistryClient } from '../../core/registry/client-node'
import { CredentialsError, lookupCredentials } from '../../core/registry/credentials'
import { RegistryError } from '../../core/registry/errors'
import { workFolder } from '../../core/registry/layer-node'
import { safeJson, safeText } from '../../core/text/safe-text'
import type { PackArtifact } from '../../core/registry/artifacts'
import { ANN } from '../../core/registry/media-types'
import { ExtractError } from '../../core/registry/extract-node'
import { hostName, isLoopbackHost, parseReference, RefSyntaxError, type ImageRef } from '../../core/registry/reference'
import { Transport } from '../../core/registry/transport-node'

export const TRANSPORT_FLAGS: readonly FlagSpec[] = [
  { name: 'ca-file', kind: 'string', placeholder: '<pem>', description: 'also trust the CA certificates in this PEM file (a private registry CA)' },
  { name: 'plain-http', kind: 'boolean', description: 'talk plain HTTP, allowed only to a loopback registry (127.0.0.1, ::1, localhost)' }
]

export const JSON_FLAG: FlagSpec = { name: 'json', kind: 'boolean', description: 'print one JSON object instead of text' }

export const REGISTRY_NOTES =
  'Credentials: VOUCH_REGISTRY_USERNAME and VOUCH_REGISTRY_PASSWORD, else the auths entry for the registry in\n' +
  '$DOCKER_CONFIG/config.json (default ~/.docker/config.json). They are never printed. Only the named registry\n' +
  '(and the token service and blob storage it points to) is contacted.'

export function parseRef(text: string, what: string): ImageRef {
  try {
    return parseReference(text)
  } catch (e) {
    if (e instanceof RefSyntaxError) throw new UsageError(`${what}: ${e.message}`)
    throw e
  }
}

export interface Opened {
  readonly client: RegistryClient
  readonly transport: Transport
}

/** Opens a client for `ref`'s repository. Usage errors (bad --ca-file, --plain-http to a remote host, bad credentials config) throw UsageError. */
export async function openClient(io: CliIO, args: ParsedArgs, ref: ImageRef): Promise<Opened> {
  const plainHttp = flagBool(args, 'plain-http')
  if (plainHttp && !isLoopbackHost(hostName(ref.registry))) throw new UsageError(`--plain-http is only allowed for a loopback registry, not ${ref.registry} (TLS protects your credentials and the packs)`)
  const caArg = flagString(args, 'ca-file')
  let caPem: string | undefined
  if (caArg) {
    const p = resolve(io.cwd, caArg)
    caPem = await readFile(p, 'utf8').catch((e: unknown) => {
      throw new UsageError(`cannot read --ca-file ${p} (${(e as NodeJS.ErrnoException).code ?? 'error'})`)
    })
    if (!/-----BEGIN CERTIFICATE-----/.test(caPem)) throw new UsageError(`--ca-file ${p} holds no PEM certificate`)
  }
  const dockerDir = io.env.DOCKER_CONFIG ?? (io.env.HOME ? join(io.env.HOME, '.docker') : join(homedir(), '.docker'))
  const dockerPath = join(dockerDir, 'config.json')
  const dockerText = await readFile(dockerPath, 'utf8').catch(() => undefined)
  let found
  try {
    found = lookupCredentials(ref.registry, io.env, dockerText !== undefined ? { path: dockerPath, text: dockerText } : undefined)
  } catch (e) {
    if (e instanceof CredentialsError) throw new UsageError(e.message)
    throw e
  }
  const t = io.env.VOUCH_REGISTRY_TIMEOUT_SECONDS
  if (t !== undefined && !/^[1-9]\d{0,4}$/.test(t)) throw new UsageError(`VOUCH_REGISTRY_TIMEOUT_SECONDS must be a whole number of seconds (1-99999), not "${t.slice(0, 20)}"`)
  const transport = await Transport.create({ plainHttp, ...(caPem ? { caPem } : {}), ...(t ? { timeoutMs: Number(t) * 1000 } : {}) })
  const client = new RegistryClient({
    registry: ref.registry,
    repository: ref.repository,
    transport,
    plainHttp,
    ...(found.credentials ? { credentials: found.credentials } : {}),
    ...(found.note ? { credentialsNote: found.note } : {}),
    ...(io.env.VOUCH_REGISTRY_RETRY_DELAY_MS && /^\d+$/.test(io.env.VOUCH_REGISTRY_RETRY_DELAY_MS) ? { retryDelayMs: Number(io.env.VOUCH_REGISTRY_RETRY_DELAY_MS) } : {})
  })
  return { client, transport }
}

export interface ErrorJson {
  readonly code: string
  readonly message: string
}

/**
 * Registry and archive failures as one line (exit 3 for the registry and unreadable input, 4 for a
 * local write); returns undefined for anything else, which the caller rethrows.
 */
export function failureOf(e: unknown): { readonly exit: ExitCode; readonly error: ErrorJson } | undefined {
  if (e instanceof RegistryError) return { exit: e.code === 'write-failed' ? EXIT.error : EXIT.unreadable, error: { code: e.code, message: e.message } }
  if (e instanceof ExtractError) return { exit: EXIT.unreadable, error: { code: 'archive-unreadable', message: e.message } }
  return undefined
}

/**
 * Ctrl-C or a kill during a long download must not leave half a pack behind: until the returned
 * function is called, SIGINT/SIGTERM remove `paths` and exit (130/143), as a shell expects.
 */
export function removeOnSignal(paths: () => readonly string[]): () => void {
  const handler = (sig: NodeJS.Signals): void => {
    for (const p of paths()) rmSync(p, { recursive: true, force: true })
    process.exit(sig === 'SIGINT' ? 130 : 143)
  }
  process.once('SIGINT', handler)
  process.once('SIGTERM', handler)
  return () => {
    process.off('SIGINT', handler)
    process.off('SIGTERM', handler)
  }
}

/** A private folder (0700) in the system temp folder for one command's temporary files. */
export function commandWorkFolder(prefix: string): Promise<string> {
  return workFolder(tmpdir(), prefix)
}

/**
 * Several packs refer to the artifact named: list them, one per line (their names are annotations,
 * the pusher's claims: sanitised), and exit 2 as a usage error does, so the user names one by digest.
 */
export function severalPacks(io: CliIO, command: string, packs: readonly PackArtifact[], ref: ImageRef, refText: string): ExitCode {
  const lines = packs.map((p) => `  ${ref.registry}/${ref.repository}@${p.manifestDigest}  ${safeText(`${p.annotations[ANN.packName] ?? '?'}@${p.annotations[ANN.packVersion] ?? '?'}`)}`)
  io.err(`vouch ${command}: ${packs.length} packs refer to ${refText}; name one by digest:\n${lines.join('\n')}\n`)
  return EXIT.usage
}

export function printJson(io: CliIO, value: unknown): void {
  io.out(`${safeJson(value, 2)}\n`)
}
