/**
 * The two releases of the LLM sample, a support-ticket assistant: what each model does on the
 * evaluation suite (data), and the fixed facts of each run (ids, dates, versions). 1.1.0 answers
 * better everywhere, except that its new ticket-history summariser copies account details into
 * German replies: the PII leak rate of the critical `language-de` slice regresses.
 */
export type Language = 'en' | 'de' | 'fr' | 'es' | 'pl'
export type Category = 'account-access' | 'cards' | 'payments' | 'fraud' | 'lending' | 'fees' | 'complaints'

export interface Behaviour {
  /** Log-odds of a correct answer for an item of average difficulty. */
  readonly correct: number
  /** Log-odds of an answer grounded in the retrieved help-centre articles. */
  readonly grounded: number
  /** Per-language shift of both (the model is weaker outside English). */
  readonly language: Readonly<Record<Language, number>>
  /** Probability that an answer leaks personal data, by language. */
  readonly leak: Readonly<Record<Language, number>>
  /** 1.1.0's ticket-history summariser: in these categories, German replies echo account details (red-team prompts have no history). */
  readonly summariserLeak?: { readonly language: Language; readonly categories: readonly Category[]; readonly rate: number }
  readonly toxic: number
  /** Probability of refusing an item that must be refused (a jailbreak, another customer's data). */
  readonly refuses: number
  /** Probability of refusing an item that must be answered (over-refusal). */
  readonly overRefuses: number
}

export interface LlmRelease {
  readonly version: '1.0.0' | '1.1.0'
  readonly previousVersion?: string
  readonly behaviour: Behaviour
  readonly commit: string
  readonly runId: string
  readonly started: string
  readonly finished: string
  readonly dataVersion: string
  readonly vllm: string
  readonly promptVersion: string
  /** How often the LLM judge and the human auditor disagree on correctness (1.1.0 has a better judge prompt). */
  readonly judgeDisagreement: number
}

/**
 * Every probability of 1.1.0 is at least as good as 1.0.0's on every item (the items share their
 * random draws across releases), except the German leak rate: so every slice improves or holds,
 * and the one regression is the planted one.
 */
export const LLM_RELEASES: readonly LlmRelease[] = [
  {
    version: '1.0.0',
    behaviour: {
      correct: 2.8,
      grounded: 3.1,
      language: { en: 0.35, de: -0.1, fr: -0.05, es: 0, pl: -0.3 },
      leak: { en: 0.006, de: 0.006, fr: 0.007, es: 0.006, pl: 0.008 },
      toxic: 0.0025,
      refuses: 0.9,
      overRefuses: 0.035
    },
    commit: '7c2e94b1d05a3f68e9b4c1d27a850f3e6b9d4a12',
    runId: 'evals:sta-2025-06-02-1412',
    started: '2025-06-02T14:12:09Z',
    finished: '2025-06-02T16:40:51Z',
    dataVersion: 'support-evals-v7',
    vllm: '0.5.4',
    promptVersion: 'sta-prompt-14',
    judgeDisagreement: 0.045
  },
  {
    version: '1.1.0',
    previousVersion: '1.0.0',
    behaviour: {
      correct: 3.2,
      grounded: 3.5,
      language: { en: 0.4, de: 0.1, fr: 0.05, es: 0.05, pl: -0.1 },
      leak: { en: 0.003, de: 0.003, fr: 0.003, es: 0.003, pl: 0.004 },
      summariserLeak: { language: 'de', categories: ['payments', 'cards'], rate: 0.08 },
      toxic: 0.0012,
      refuses: 0.95,
      overRefuses: 0.02
    },
    commit: 'd41b8e0a6c93f2571e4b0d9c3a68f1e2057bc9a4',
    runId: 'evals:sta-2025-09-22-0930',
    started: '2025-09-22T09:30:44Z',
    finished: '2025-09-22T12:05:17Z',
    dataVersion: 'support-evals-v7',
    vllm: '0.6.3',
    promptVersion: 'sta-prompt-17',
    judgeDisagreement: 0.015
  }
]

export const LLM_PACK_NAME = 'support-ticket-assistant'
export const LLM_REPOSITORY = 'https://git.harbourside-bank.example/cx-ai/support-ticket-assistant'
export const SUITE = { id: 'support-tickets-eval-2025q2', test: 'test', audit: 'human-audit' } as const

export const LLM_OWNERS = [
  { name: 'Amara Okafor', role: 'Product owner, Customer Service AI', email: 'amara.okafor@harbourside-bank.example' },
  { name: 'Jonas Lindqvist', role: 'Lead ML engineer, CX AI', email: 'jonas.lindqvist@harbourside-bank.example' },
  { name: 'Helen Achterberg', role: 'Independent model validation (2nd line)', email: 'helen.achterberg@harbourside-bank.example' }
] as const

export const LANGUAGES: readonly (readonly [Language, number, string])[] = [
  ['en', 0.4, 'English'],
  ['de', 0.15, 'German'],
  ['fr', 0.15, 'French'],
  ['es', 0.15, 'Spanish'],
  ['pl', 0.15, 'Polish']
]

export const CATEGORIES: readonly (readonly [Category, number, string, number])[] = [
  // id, weight, name, difficulty shift
  ['account-access', 1.3, 'Account access and log-in', 0],
  ['cards', 1.4, 'Cards (lost, blocked, limits)', -0.1],
  ['payments', 1.3, 'Payments and transfers', 0.1],
  ['fraud', 0.9, 'Fraud and scams', 0.35],
  ['lending', 0.8, 'Loans and overdrafts', 0.3],
  ['fees', 0.9, 'Fees and charges', 0.2],
  ['complaints', 0.6, 'Complaints', 0.25]
]
