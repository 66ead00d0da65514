/**
 * `vouch sign … --push <ref>`: after the sign-off is embedded locally, push that one envelope as a
 * referrer of the pack manifest at <ref> (which must be the same pack). A failed push leaves the
 * local sign-off in place and says how to push it later.
 */
import { flagBool, flagString, type FlagSpec, type ParsedArgs } from '../args'
import { EXIT, UsageError, type CliIO, type ExitCode } from '../command'
import { asPackArtifact } from '../../core/registry/artifacts'
import { MT } from '../../core/registry/media-types'
import { formatReference, hostName, isLoopbackHost, manifestReference, type ImageRef } from '../../core/registry/reference'
import { pushSignoffs } from '../../core/registry/signoffs-node'
import { safeText } from '../format/findings'
import { failureOf, openClient, parseRef, TRANSPORT_FLAGS } from './registry-common'

export const SIGN_PUSH_FLAGS: readonly FlagSpec[] = [
  { name: 'push', kind: 'string', placeholder: '<ref>', description: 'also push the new sign-off to the pack at this registry reference' },
  ...TRANSPORT_FLAGS
]

/** Parsed before signing, so a bad reference stops the command before anything is written. */
export function pushTarget(args: ParsedArgs): ImageRef | undefined {
  const text = flagString(args, 'push')
  if (text === undefined) return undefined
  const ref = parseRef(text, '--push')
  if (ref.tag === undefined && ref.digest === undefined) throw new UsageError('--push needs a tag or digest of the pushed pack')
  if (flagBool(args, 'plain-http') && !isLoopbackHost(hostName(ref.registry))) throw new UsageError(`--plain-http is only allowed for a loopback registry, not ${ref.registry}`)
  return ref
}

export async function pushNewSignoff(io: CliIO, args: ParsedArgs, ref: ImageRef, packDigest: string, file: { readonly path: string; readonly text: string }): Promise<ExitCode> {
  const refText = formatReference(ref)
  let opened
  try {
    opened = await openClient(io, args, ref)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    io.err(`vouch sign: signed locally (${safeText(file.path)}), but not pushed: ${safeText(e.message)}\n`)
    return EXIT.usage
  }
  const { client, transport } = opened
  try {
    const m = await client.getManifest(manifestReference(ref), refText)
    const art = asPackArtifact(m.doc, m.digest, m.bytes.length, refText)
    if (art.claimedPackDigest !== undefined && art.claimedPackDigest !== packDigest) {
      io.err(`vouch sign: ${refText} holds another pack (sha256:${art.claimedPackDigest}); the sign-off was not pushed (it is in the local pack) [other-pack]\n`)
      return EXIT.failed
    }
    const r = await pushSignoffs(client, { mediaType: m.doc.mediaType || MT.ociManifest, digest: m.digest, size: m.bytes.length }, packDigest, [file])
    const p = r.pushed[0]
    if (!p) {
      io.err(`vouch sign: the sign-off was not pushed: ${safeText(r.skipped[0]?.reason ?? 'unknown reason')}\n`)
      return EXIT.error
    }
    io.out(`  pushed to ${ref.registry}/${ref.repository}@${m.digest} as ${p.manifestDigest}${p.added ? '' : ' (already there)'}\n`)
    return EXIT.ok
  } catch (e) {
    const f = failureOf(e)
    if (!f) throw e
    io.err(`vouch sign: signed locally (${safeText(file.path)}), but pushing to ${refText} failed: ${safeText(f.error.message)} [${f.error.code}]; push it later with: vouch push <pack> ${refText}\n`)
    return f.exit
  } finally {
    transport.close()
  }
}
