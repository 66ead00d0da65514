import { createContext, useContext } from 'react'

/**
 * Whether the evidence on screen may be relied on: false when the pack failed verification (or did
 * not finish). The value comes from the host's assessment; views only render it (pass badges turn
 * neutral, a banner says why).
 */
export const EvidenceTrustContext = createContext<boolean>(true)

export function useEvidenceTrusted(): boolean {
  return useContext(EvidenceTrustContext)
}

/** The pill class of a good outcome: green only when the evidence verified. */
export function usePassClass(): 'ok' | 'neutral' {
  return useEvidenceTrusted() ? 'ok' : 'neutral'
}
