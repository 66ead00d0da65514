/**
 * The bulky payload of a sample pack: a LightGBM text model (what `booster.save_model()` writes),
 * feature importances, the holdout predictions and the calibration table. All deterministic.
 */
import { makeRng } from './prng'
import type { Applicant, Prediction } from './population'
import type { Release } from './releases'
import { bins, round } from './stats'

const PDO = 20
const FACTOR = PDO / Math.LN2
const OFFSET = 600 - FACTOR * Math.log(50)

/** Scorecard points: 600 at 50:1 good:bad odds, 20 points to double the odds. */
export function points(pd: number): number {
  return Math.round(OFFSET + FACTOR * Math.log((1 - pd) / pd))
}

function grade(pd: number): string {
  const edges: [number, string][] = [[0.01, 'A'], [0.02, 'B'], [0.04, 'C'], [0.06, 'D'], [0.1, 'E'], [0.15, 'F']]
  for (const [e, g] of edges) if (pd <= e) return g
  return 'G'
}

function decision(pd: number, cutoff: number): string {
  return pd <= cutoff ? 'approve' : pd <= 0.15 ? 'refer' : 'decline'
}

const fmt = (x: number): string => {
  // LightGBM writes shortest round-trip doubles; 12 significant digits keeps the file realistic.
  const s = Number(x.toPrecision(12)).toString()
  return s
}

function tree(rng: ReturnType<typeof makeRng>, index: number, nFeatures: number, shrinkage: number): string {
  const numLeaves = rng.int(18, 31)
  const internal = numLeaves - 1
  // Grow by splitting a random leaf; node i's children are internal nodes or ~leaf ids.
  const left: number[] = []
  const right: number[] = []
  const parentOfLeaf: [number, 'l' | 'r'][] = []
  let leaves = 1
  left.push(-1)
  right.push(-2)
  parentOfLeaf.push([0, 'l'], [0, 'r'])
  leaves = 2
  for (let node = 1; node < internal; node++) {
    const leafIdx = rng.int(0, leaves - 1)
    const [p, side] = parentOfLeaf[leafIdx] as [number, 'l' | 'r']
    if (side === 'l') left[p] = node
    else right[p] = node
    left.push(~leafIdx)
    right.push(~leaves)
    parentOfLeaf[leafIdx] = [node, 'l']
    parentOfLeaf.push([node, 'r'])
    leaves++
  }
  const splitFeature = Array.from({ length: internal }, () => rng.int(0, nFeatures - 1))
  const gain = Array.from({ length: internal }, (_, i) => fmt(Math.abs(rng.normal()) * 40 * Math.exp(-i / 9) + 0.5))
  const threshold = splitFeature.map((f) => fmt(f === 1 ? rng.int(380, 820) + 0.5 : Math.abs(rng.normal()) * (f === 8 ? 2400 : 30) + 1e-35))
  const decisionType = splitFeature.map(() => (rng.next() < 0.85 ? 2 : 10))
  const counts = Array.from({ length: numLeaves }, () => rng.int(40, 3200))
  const leafValue = counts.map(() => fmt(rng.normal() * 0.08 * shrinkage * 20))
  const leafWeight = counts.map((c) => fmt(c * (0.04 + rng.next() * 0.03)))
  const internalValue = Array.from({ length: internal }, () => fmt(rng.normal() * 0.05))
  const internalCount = Array.from({ length: internal }, (_, i) => Math.max(80, Math.round(48000 / (1 + i * 0.7))))
  const internalWeight = internalCount.map((c) => fmt(c * 0.055))
  return [
    `Tree=${index}`,
    `num_leaves=${numLeaves}`,
    'num_cat=0',
    `split_feature=${splitFeature.join(' ')}`,
    `split_gain=${gain.join(' ')}`,
    `threshold=${threshold.join(' ')}`,
    `decision_type=${decisionType.join(' ')}`,
    `left_child=${left.join(' ')}`,
    `right_child=${right.join(' ')}`,
    `leaf_value=${leafValue.join(' ')}`,
    `leaf_weight=${leafWeight.join(' ')}`,
    `leaf_count=${counts.join(' ')}`,
    `internal_value=${internalValue.join(' ')}`,
    `internal_weight=${internalWeight.join(' ')}`,
    `internal_count=${internalCount.join(' ')}`,
    'is_linear=0',
    `shrinkage=${index === 0 ? 1 : shrinkage}`,
    '',
    ''
  ].join('\n')
}

export interface ModelFiles {
  readonly modelTxt: string
  readonly importanceCsv: string
}

export function modelFiles(rel: Release): ModelFiles {
  const rng = makeRng(`model-file:${rel.version}`)
  const shrinkage = 0.03
  const trees = Array.from({ length: rel.trees }, (_, i) => tree(rng, i, rel.features.length, shrinkage))
  const importance = rel.features.map((f, i) => [f, Math.round(4000 * Math.exp(-i / 5) * (0.6 + rng.next() * 0.8))] as const)
  const infos = rel.features.map((f) => (f === 'age' ? '[18:84]' : f === 'bureau_score' ? '[300:850]' : 'none'))
  const header = [
    'tree',
    'version=v4',
    'num_class=1',
    'num_tree_per_iteration=1',
    'label_index=0',
    `max_feature_idx=${rel.features.length - 1}`,
    'objective=binary sigmoid:1',
    `feature_names=${rel.features.join(' ')}`,
    `feature_infos=${infos.join(' ')}`,
    `tree_sizes=${trees.map((t) => Buffer.byteLength(t)).join(' ')}`,
    '',
    ''
  ].join('\n')
  const sortedImp = [...importance].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const params = [
    '[boosting: gbdt]', '[objective: binary]', '[metric: auc,binary_logloss]', `[num_iterations: ${rel.trees}]`,
    `[learning_rate: ${shrinkage}]`, '[num_leaves: 31]', '[min_data_in_leaf: 40]', '[feature_fraction: 0.8]',
    '[bagging_fraction: 0.8]', '[bagging_freq: 1]', '[lambda_l2: 2]', `[seed: ${rel.version === '1.0.0' ? 20250311 : 20250918}]`,
    '[deterministic: 1]', '[monotone_constraints: ' + rel.features.map((f) => (f === 'bureau_score' ? -1 : f === 'months_at_address' && rel.version === '1.1.0' ? -1 : 0)).join(',') + ']'
  ]
  const modelTxt =
    header +
    trees.join('') +
    'end of trees\n\nfeature_importances:\n' +
    sortedImp.map(([f, v]) => `${f}=${v}`).join('\n') +
    '\n\nparameters:\n' +
    params.join('\n') +
    '\n\nend of parameters\n\npandas_categorical:null\n'
  const importanceCsv = 'feature,split_count,gain_share\n' +
    sortedImp.map(([f, v]) => `${f},${v},${round(v / importance.reduce((s, [, x]) => s + x, 0), 5)}`).join('\n') + '\n'
  return { modelTxt, importanceCsv }
}

/** Main income source, a model feature from 1.1.0 (gig-platform income is what the platform-income slice selects). */
export function incomeSource(a: Applicant): string {
  if (a.platformIncome) return 'platform'
  return a.employment === 'retired' ? 'pension' : a.employment === 'student' || a.employment === 'unemployed' ? 'other' : 'salary'
}

export function predictionsCsv(rel: Release, rows: readonly Prediction[]): string {
  const withSource = rel.features.includes('income_source')
  const head = `application_id,age,bureau_tradelines,income_band,employment_status,${withSource ? 'income_source,' : ''}channel,product,region,months_at_address,pd,score,risk_grade,decision,default_12m\n`
  const lines = rows.map(({ a, pd, label }) =>
    [a.id, a.age, a.tradelines, a.incomeBand, a.employment, ...(withSource ? [incomeSource(a)] : []), a.channel, a.product, a.region, a.monthsAtAddress, pd.toFixed(6), points(pd), grade(pd), decision(pd, rel.cutoff), label].join(',')
  )
  return head + lines.join('\n') + '\n'
}

/** data/evaluation/predictions.json: where the holdout predictions are and how to read them. */
export function predictionsDescriptor(dataset: string, split: string): unknown {
  return {
    schema: 'vouch.predictions/v1',
    files: [
      {
        path: 'data/evaluation/predictions-holdout.csv',
        format: 'csv',
        dataset,
        split,
        task: 'binary',
        columns: { label: 'default_12m', score: 'pd', rowId: 'application_id' },
        positive: '1'
      }
    ]
  }
}

export function calibrationCsv(rows: readonly Prediction[]): string {
  const head = 'bin,applications,min_pd,max_pd,mean_pd,observed_default_rate,ratio_observed_to_expected\n'
  const lines = bins(rows, 20).map((b, i) =>
    [i + 1, b.n, b.minPd.toFixed(6), b.maxPd.toFixed(6), b.meanPd.toFixed(6), b.observed.toFixed(6), (b.observed / b.meanPd).toFixed(3)].join(',')
  )
  return head + lines.join('\n') + '\n'
}
