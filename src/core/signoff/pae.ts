/**
 * DSSE pre-authentication encoding (secure-systems-lab/dsse protocol.md):
 * "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes as ASCII decimal.
 * The signature covers these bytes, never the raw payload: a signature over the payload alone
 * must not verify (cross-protocol confusion).
 */
const enc = new TextEncoder()

export function preAuthEncoding(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = enc.encode(payloadType)
  const head = enc.encode(`DSSEv1 ${type.length} `)
  const mid = enc.encode(` ${payload.length} `)
  const out = new Uint8Array(head.length + type.length + mid.length + payload.length)
  out.set(head, 0)
  out.set(type, head.length)
  out.set(mid, head.length + type.length)
  out.set(payload, head.length + type.length + mid.length)
  return out
}
