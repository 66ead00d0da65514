/**
 * The two releases of the sample model: what changed between them and why. Everything here is
 * fixed data (dates, ids, owners); the numbers come from evaluate.ts over the generated population.
 */
import type { ModelBehaviour } from './population'

export interface Release {
  readonly version: '1.0.0' | '1.1.0'
  readonly previousVersion?: string
  readonly model: ModelBehaviour
  /** Trees in the exported LightGBM model (1.1.0 adds bureau-trend features and more rounds). */
  readonly trees: number
  readonly features: readonly string[]
  /** PD at or below which an application is auto-approved (guardrail GR-03). */
  readonly cutoff: number
  readonly commit: string
  readonly runId: string
  readonly started: string
  readonly finished: string
  readonly dataVersion: string
  readonly lightgbm: string
}

const BASE_FEATURES = [
  'age', 'bureau_score', 'bureau_tradelines', 'oldest_tradeline_months', 'utilisation_revolving', 'searches_90d',
  'delinquencies_24m', 'ccj_count_72m', 'net_monthly_income', 'debt_to_income', 'employment_status',
  'employment_months', 'residential_status', 'months_at_address', 'loan_amount', 'loan_term_months',
  'product', 'channel', 'region', 'existing_customer', 'current_account_turnover_6m', 'overdraft_days_6m'
] as const

export const RELEASES: readonly Release[] = [
  {
    version: '1.0.0',
    model: { seed: 'cdr-1.0.0', signal: 0.7, noise: 0.5, thinYoungSignal: 0.68, thinYoungNoise: 0.5, addressChangeBias: -0.35, intercept: 0 },
    trees: 400,
    features: BASE_FEATURES,
    cutoff: 0.06,
    commit: '4b7e2d91c0a35f8e6d12b9a7c4e08f3d5a61c2e7',
    runId: 'mlflow:8c41f0e2b7d94a6f9e3c15d2a7b8e604',
    started: '2025-03-11T08:02:17Z',
    finished: '2025-03-11T10:47:53Z',
    dataVersion: 'applications-2024q4-v3',
    lightgbm: '4.3.0'
  },
  {
    version: '1.1.0',
    previousVersion: '1.0.0',
    model: { seed: 'cdr-1.1.0', signal: 0.92, noise: 0.32, thinYoungSignal: 0.5, thinYoungNoise: 0.6, addressChangeBias: 0, intercept: 0.03 },
    trees: 520,
    features: [...BASE_FEATURES, 'bureau_score_trend_6m', 'balance_trend_3m', 'income_source'],
    cutoff: 0.055,
    commit: 'e91a6c3f58d2b04719c7ae5302f6d8b1a4c9e076',
    runId: 'mlflow:2f9d7a61c3e84b05a1d6e9f7c0b25a38',
    started: '2025-09-18T07:55:40Z',
    finished: '2025-09-18T11:21:06Z',
    dataVersion: 'applications-2024q4-v4',
    lightgbm: '4.5.0'
  }
]

export const PACK_NAME = 'credit-default-risk'
export const REPOSITORY = 'https://git.harbourside-bank.example/risk-models/credit-default-risk'

export const OWNERS = [
  { name: 'Priya Raman', role: 'Model owner, Retail Credit Risk', email: 'priya.raman@harbourside-bank.example' },
  { name: 'Tomasz Wiśniewski', role: 'Lead model developer', email: 'tomasz.wisniewski@harbourside-bank.example' },
  { name: 'Helen Achterberg', role: 'Independent model validation (2nd line)', email: 'helen.achterberg@harbourside-bank.example' }
] as const

export interface SliceDef {
  readonly id: string
  readonly name: string
  readonly definition: string
  readonly critical: boolean
  /** Reported only in these versions (a slice can appear or be retired). */
  readonly versions?: readonly Release['version'][]
  readonly test: (a: import('./population').Applicant) => boolean
}

export const SLICES: readonly SliceDef[] = [
  { id: 'age-18-24', name: 'Applicants aged 18-24', definition: 'age < 25', critical: true, test: (a) => a.age < 25 },
  { id: 'age-18-24-thin-file', name: 'Thin-file applicants aged 18-24', definition: 'age < 25 AND bureau_tradelines < 3', critical: true, test: (a) => a.age < 25 && a.tradelines < 3 },
  { id: 'age-18-24-thin-file-broker', name: 'Thin-file applicants aged 18-24 via brokers', definition: "age < 25 AND bureau_tradelines < 3 AND channel = 'broker'", critical: false, test: (a) => a.age < 25 && a.tradelines < 3 && a.channel === 'broker' },
  { id: 'age-25-39', name: 'Applicants aged 25-39', definition: 'age >= 25 AND age < 40', critical: false, test: (a) => a.age >= 25 && a.age < 40 },
  { id: 'age-40-59', name: 'Applicants aged 40-59', definition: 'age >= 40 AND age < 60', critical: false, test: (a) => a.age >= 40 && a.age < 60 },
  { id: 'age-60-plus', name: 'Applicants aged 60 and over', definition: 'age >= 60', critical: true, test: (a) => a.age >= 60 },
  { id: 'thin-file', name: 'Thin credit file', definition: 'bureau_tradelines < 3', critical: true, test: (a) => a.tradelines < 3 },
  { id: 'thick-file', name: 'Thick credit file', definition: 'bureau_tradelines > 8', critical: false, test: (a) => a.tradelines > 8 },
  { id: 'income-low', name: 'Low net income (under 1,600 GBP a month)', definition: "income_band = 'low'", critical: true, test: (a) => a.incomeBand === 'low' },
  { id: 'income-mid', name: 'Middle net income', definition: "income_band = 'mid'", critical: false, test: (a) => a.incomeBand === 'mid' },
  { id: 'income-high', name: 'High net income (3,800 GBP a month or more)', definition: "income_band = 'high'", critical: false, test: (a) => a.incomeBand === 'high' },
  { id: 'self-employed', name: 'Self-employed', definition: "employment_status = 'self-employed'", critical: false, test: (a) => a.employment === 'self-employed' },
  { id: 'retired', name: 'Retired', definition: "employment_status = 'retired'", critical: false, test: (a) => a.employment === 'retired' },
  { id: 'student', name: 'Students', definition: "employment_status = 'student'", critical: false, test: (a) => a.employment === 'student' },
  { id: 'recent-address-change', name: 'At current address under 6 months', definition: 'months_at_address < 6', critical: false, test: (a) => a.monthsAtAddress < 6 },
  { id: 'platform-income', name: 'Income from gig platforms', definition: "income_source = 'platform'", critical: false, versions: ['1.1.0'], test: (a) => a.platformIncome },
  { id: 'channel-online', name: 'Online applications', definition: "channel = 'online'", critical: false, test: (a) => a.channel === 'online' },
  { id: 'channel-branch', name: 'Branch applications', definition: "channel = 'branch'", critical: false, test: (a) => a.channel === 'branch' },
  { id: 'channel-broker', name: 'Broker applications', definition: "channel = 'broker'", critical: false, test: (a) => a.channel === 'broker' },
  { id: 'channel-telesales', name: 'Telesales applications (channel closed June 2025)', definition: "channel = 'telesales'", critical: false, versions: ['1.0.0'], test: (a) => a.channel === 'telesales' },
  { id: 'product-personal-loan', name: 'Personal loans', definition: "product = 'personal-loan'", critical: false, test: (a) => a.product === 'personal-loan' },
  { id: 'product-credit-card', name: 'Credit cards', definition: "product = 'credit-card'", critical: false, test: (a) => a.product === 'credit-card' },
  { id: 'region-north', name: 'North of England', definition: "region = 'north'", critical: false, test: (a) => a.region === 'north' },
  { id: 'region-midlands', name: 'Midlands', definition: "region = 'midlands'", critical: false, test: (a) => a.region === 'midlands' },
  { id: 'region-south-east', name: 'South East and London', definition: "region = 'south-east'", critical: false, test: (a) => a.region === 'south-east' },
  { id: 'region-south-west', name: 'South West', definition: "region = 'south-west'", critical: false, test: (a) => a.region === 'south-west' },
  { id: 'region-scotland', name: 'Scotland', definition: "region = 'scotland'", critical: false, test: (a) => a.region === 'scotland' },
  { id: 'region-wales', name: 'Wales', definition: "region = 'wales'", critical: false, test: (a) => a.region === 'wales' }
]
