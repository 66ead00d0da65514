/**
 * A synthetic but plausible population of unsecured personal-loan and credit-card applications,
 * with 12-month default outcomes, and the two releases' scores for it. The same applicants are
 * scored by both releases (a fixed holdout), so differences between releases are the model's.
 */
import { makeRng, type Rng } from './prng'

export type Employment = 'employed' | 'self-employed' | 'retired' | 'student' | 'unemployed'
export type Channel = 'branch' | 'online' | 'broker' | 'telesales'
export type Product = 'personal-loan' | 'credit-card'
export type Region = 'north' | 'midlands' | 'south-east' | 'south-west' | 'scotland' | 'wales'
export type IncomeBand = 'low' | 'mid' | 'high'

export interface Applicant {
  readonly id: string
  readonly age: number
  readonly tradelines: number
  readonly incomeBand: IncomeBand
  readonly employment: Employment
  readonly channel: Channel
  readonly product: Product
  readonly region: Region
  readonly monthsAtAddress: number
  readonly platformIncome: boolean
  /** Log-odds of default explained by the observable attributes. */
  readonly observed: number
  /** Risk the bureau and application data only partly reveal. */
  readonly latent: number
  readonly label: 0 | 1
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x))
}

function applicant(rng: Rng, id: string, drift: number): Applicant {
  const age = Math.min(84, 18 + Math.floor(Math.abs(rng.normal()) * 17 + rng.next() * 10))
  const young = age < 25
  const tradelines = Math.max(0, Math.round((young ? 2.7 : 5.5) + rng.normal() * (young ? 1.8 : 3)))
  const incomeBand = rng.weighted<IncomeBand>(young ? [['low', 5], ['mid', 4], ['high', 1]] : [['low', 3], ['mid', 5], ['high', 3]])
  const employment = rng.weighted<Employment>(
    age >= 66 ? [['retired', 8], ['employed', 2], ['self-employed', 1]] : young ? [['employed', 6], ['student', 3], ['self-employed', 0.6], ['unemployed', 0.5]] : [['employed', 8], ['self-employed', 1.6], ['unemployed', 0.4]]
  )
  const channel = rng.weighted<Channel>([['online', 5], ['branch', 2.5], ['broker', 2], ['telesales', 0.5]])
  const product = rng.weighted<Product>([['personal-loan', 6], ['credit-card', 4]])
  const region = rng.weighted<Region>([['south-east', 4], ['north', 3], ['midlands', 2.5], ['south-west', 1.5], ['scotland', 1.4], ['wales', 0.8]])
  const monthsAtAddress = Math.max(0, Math.round(Math.exp(2.2 + rng.normal() * 1.1 + (young ? -0.5 : 0.3))))
  const platformIncome = employment === 'self-employed' || (young && rng.next() < 0.06)
  const observed =
    -3.95 +
    drift +
    (young ? 0.55 : age < 40 ? 0.2 : age >= 60 ? -0.15 : 0) +
    (tradelines < 3 ? 0.45 : tradelines > 8 ? -0.25 : 0) +
    (incomeBand === 'low' ? 0.45 : incomeBand === 'high' ? -0.5 : 0) +
    (employment === 'unemployed' ? 0.9 : employment === 'self-employed' ? 0.3 : employment === 'student' ? 0.25 : employment === 'retired' ? -0.2 : 0) +
    (channel === 'broker' ? 0.25 : channel === 'branch' ? -0.1 : 0) +
    (product === 'credit-card' ? 0.15 : 0) +
    (monthsAtAddress < 6 ? 0.35 : 0)
  const latent = rng.normal()
  const label: 0 | 1 = rng.next() < sigmoid(observed + 1.15 * latent) ? 1 : 0
  return { id, age, tradelines, incomeBand, employment, channel, product, region, monthsAtAddress, platformIncome, observed, latent, label }
}

export function population(label: string, n: number, idPrefix: string, drift = 0): readonly Applicant[] {
  const rng = makeRng(`population:${label}`)
  const out: Applicant[] = []
  for (let i = 0; i < n; i++) out.push(applicant(rng, `${idPrefix}${(1_000_000 + i * 7 + rng.int(0, 6)).toString(10)}`, drift))
  return out
}

/** How much of the hidden risk each release's model recovers, overall and for thin-file under-25s. */
export interface ModelBehaviour {
  readonly seed: string
  /** Weight on the latent risk (more = better ranking). */
  readonly signal: number
  readonly noise: number
  /** For applicants under 25 with fewer than 3 tradelines. */
  readonly thinYoungSignal: number
  readonly thinYoungNoise: number
  /** Under-weights a recent address change: the 1.0.0 failure mode FM-001. */
  readonly addressChangeBias: number
  /** Calibration intercept shift. */
  readonly intercept: number
}

export interface Prediction {
  readonly a: Applicant
  readonly pd: number
  readonly label: 0 | 1
}

export function score(pop: readonly Applicant[], m: ModelBehaviour, stream: string): readonly Prediction[] {
  const rng = makeRng(`score:${m.seed}:${stream}`)
  return pop.map((a) => {
    const thinYoung = a.age < 25 && a.tradelines < 3
    const s = thinYoung ? m.thinYoungSignal : m.signal
    const n = thinYoung ? m.thinYoungNoise : m.noise
    const bias = a.monthsAtAddress < 6 ? m.addressChangeBias : 0
    // Shrink toward the observed part so calibration stays honest when the latent signal is partial.
    const logit = a.observed + m.intercept + s * a.latent + n * rng.normal() + bias + 0.5 * (1.15 ** 2 - s * s - n * n) * 0.18
    const pd = Math.min(0.999, Math.max(0.0005, sigmoid(logit)))
    return { a, pd: Number(pd.toFixed(6)), label: a.label }
  })
}
