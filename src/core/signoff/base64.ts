/**
 * Strict base64 for envelopes, keys and trust files. DSSE says verifiers must accept both the
 * standard and the URL-safe alphabet; we also accept missing padding. Everything else is refused
 * (mixed alphabets, whitespace, bad padding, non-zero trailing bits) so one byte string has few
 * spellings and a corrupted value never decodes to something "close enough".
 */
const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

const decodeTable = (() => {
  const t = new Int16Array(128).fill(-1)
  for (let i = 0; i < 64; i++) {
    t[STD.charCodeAt(i)] = i
    t[URL.charCodeAt(i)] = i
  }
  return t
})()

export class Base64Error extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'Base64Error'
  }
}

/** Decodes standard or URL-safe base64 (padding optional). Throws Base64Error with the reason. */
export function decodeBase64(s: string): Uint8Array {
  let body = s
  let pad = 0
  while (body.endsWith('=')) {
    body = body.slice(0, -1)
    pad++
  }
  if (pad > 2) throw new Base64Error('too much padding')
  if (pad > 0 && (body.length + pad) % 4 !== 0) throw new Base64Error('wrong padding length')
  if (body.length % 4 === 1) throw new Base64Error('impossible length')
  const hasStd = /[+/]/.test(body)
  const hasUrl = /[-_]/.test(body)
  if (hasStd && hasUrl) throw new Base64Error('mixes the standard and URL-safe alphabets')
  const out = new Uint8Array(Math.floor((body.length * 3) / 4))
  let acc = 0
  let bits = 0
  let o = 0
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i)
    const v = c < 128 ? (decodeTable[c] ?? -1) : -1
    if (v < 0) throw new Base64Error(`invalid character at position ${i + 1}`)
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (acc >> bits) & 0xff
    }
  }
  // Leftover bits must be zero: otherwise two strings decode to the same bytes.
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) throw new Base64Error('non-zero trailing bits')
  return out
}

/** Standard base64 with padding (what Vouch writes). */
export function encodeBase64(bytes: Uint8Array): string {
  let s = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    s += STD[(n >> 18) & 63]! + STD[(n >> 12) & 63]! + STD[(n >> 6) & 63]! + STD[n & 63]!
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16
    s += STD[(n >> 18) & 63]! + STD[(n >> 12) & 63]! + '=='
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8)
    s += STD[(n >> 18) & 63]! + STD[(n >> 12) & 63]! + STD[(n >> 6) & 63]! + '='
  }
  return s
}

export function toHex(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += b.toString(16).padStart(2, '0')
  return s
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error('invalid hex')
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return out
}
