/** One colour per severity, in the pack view and in Compare alike (pill classes of base.css). */
import type { Severity4 } from '../../../core/format/evidence'

export const SEVERITY_PILL: Readonly<Record<Severity4, 'neutral' | 'warn' | 'bad'>> = { low: 'neutral', medium: 'warn', high: 'bad', critical: 'bad' }

/** Most severe first. */
export const SEVERITY_RANK: Readonly<Record<Severity4, number>> = { critical: 0, high: 1, medium: 2, low: 3 }
