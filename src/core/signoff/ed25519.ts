/**
 * Ed25519 with strict verification. tweetnacl signs correctly (deterministic RFC 8032) but its
 * verify is lenient: it accepts S + L (malleable signatures: tweetnacl-js issue #253), non-canonical
 * public-key encodings (y >= p, issue #270) and small-order public keys. RFC 8032 §5.1.7 and
 * reliability_anchors §3.1: check length, S < L, canonical A and R, A not of small order, then let
 * tweetnacl do the group equation. Tested against every Wycheproof ed25519 vector.
 */
import nacl from 'tweetnacl'

const P = 2n ** 255n - 19n
/** Order of the prime-order subgroup. */
export const L = 2n ** 252n + 27742317777372353535851937790883648493n
const D = 37095705934669439343138083508754565189542113879843219016388785533085940283555n
const SQRT_M1 = 19681161376707505956807079304988542015446066515923890162744021073123829784752n

export type Ed25519Rejection =
  | 'signature-length'
  | 'public-key-length'
  | 's-out-of-range'
  | 'r-non-canonical'
  | 'public-key-non-canonical'
  | 'public-key-small-order'
  | 'bad-signature'

export type Ed25519Result = { readonly ok: true } | { readonly ok: false; readonly reason: Ed25519Rejection }

const mod = (a: bigint): bigint => ((a % P) + P) % P

function pow(b: bigint, e: bigint): bigint {
  let r = 1n
  let x = mod(b)
  while (e > 0n) {
    if (e & 1n) r = (r * x) % P
    x = (x * x) % P
    e >>= 1n
  }
  return r
}

function leToBigInt(bytes: Uint8Array): bigint {
  let n = 0n
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] ?? 0)
  return n
}

interface Point {
  readonly x: bigint
  readonly y: bigint
}

/** RFC 8032 §5.1.3 decoding, refusing every non-canonical encoding (y >= p, x = 0 with sign bit). */
export function decodePoint(bytes: Uint8Array): Point | null {
  if (bytes.length !== 32) return null
  const n = leToBigInt(bytes)
  const sign = n >> 255n
  const y = n & ((1n << 255n) - 1n)
  if (y >= P) return null
  const y2 = (y * y) % P
  const u = mod(y2 - 1n)
  const v = mod(D * y2 + 1n)
  const v3 = (((v * v) % P) * v) % P
  const v7 = (((v3 * v3) % P) * v) % P
  let x = (((u * v3) % P) * pow((u * v7) % P, (P - 5n) / 8n)) % P
  const vx2 = (v * ((x * x) % P)) % P
  if (vx2 === u) {
    // x is a root
  } else if (vx2 === mod(-u)) {
    x = (x * SQRT_M1) % P
  } else {
    return null
  }
  if (x === 0n && sign === 1n) return null
  if ((x & 1n) !== sign) x = mod(-x)
  return { x, y }
}

/** True when 8·A is the identity: A lies in the torsion subgroup and signatures prove nothing. */
export function isSmallOrder(pt: Point): boolean {
  // Three doublings in projective coordinates (dbl-2008-hwcd, a = -1), no inversions.
  let [X, Y, Z] = [pt.x, pt.y, 1n]
  for (let i = 0; i < 3; i++) {
    const A = (X * X) % P
    const B = (Y * Y) % P
    const C = (2n * Z * Z) % P
    const Dd = mod(-A)
    const E = mod((X + Y) * (X + Y) - A - B)
    const G = mod(Dd + B)
    const F = mod(G - C)
    const H = mod(Dd - B)
    X = (E * F) % P
    Y = (G * H) % P
    Z = (F * G) % P
  }
  return X === 0n && Y === Z
}

/** Checks the public key alone: 32 bytes, canonical, on the curve, not of small order. */
export function checkPublicKey(publicKey: Uint8Array): Ed25519Result {
  if (publicKey.length !== 32) return { ok: false, reason: 'public-key-length' }
  const a = decodePoint(publicKey)
  if (!a) return { ok: false, reason: 'public-key-non-canonical' }
  if (isSmallOrder(a)) return { ok: false, reason: 'public-key-small-order' }
  return { ok: true }
}

/** Strict RFC 8032 verification of a detached signature over `message`. */
export function verifyStrict(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): Ed25519Result {
  if (signature.length !== 64) return { ok: false, reason: 'signature-length' }
  const pk = checkPublicKey(publicKey)
  if (!pk.ok) return pk
  if (leToBigInt(signature.subarray(32)) >= L) return { ok: false, reason: 's-out-of-range' }
  if (!decodePoint(signature.subarray(0, 32))) return { ok: false, reason: 'r-non-canonical' }
  return nacl.sign.detached.verify(message, signature, publicKey) ? { ok: true } : { ok: false, reason: 'bad-signature' }
}

/** Signs with a 64-byte tweetnacl secret key (seed ‖ public key). */
export function signDetached(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  if (secretKey.length !== 64) throw new Error('an ed25519 secret key is 64 bytes')
  return nacl.sign.detached(message, secretKey)
}

export function keyPairFromSeed(seed: Uint8Array): { readonly publicKey: Uint8Array; readonly secretKey: Uint8Array } {
  if (seed.length !== 32) throw new Error('an ed25519 seed is 32 bytes')
  return nacl.sign.keyPair.fromSeed(seed)
}
