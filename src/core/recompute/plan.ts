/**
 * From claims to work: which predictions group (dataset + split) each claim is computed on, with
 * which registry metric and resolved parameters, and which columns each group must load. A claim
 * that cannot be planned gets its reason here ("not recomputable"), never an exception.
 */
import type { ParamValue, PredictionsFile, PredictionTask } from '../format/predictions'
import type { Claim } from './claims'
import { metricDef } from './metrics/registry'
import type { MetricDef, Params } from './metrics/types'
import { columnUses, parseSlice, SliceSyntaxError, type SliceExpr } from './slice-lang'

export interface Group {
  readonly key: string
  readonly dataset: string
  readonly split: string
  readonly task: PredictionTask
  readonly files: readonly PredictionsFile[]
  /** Why the group cannot be read (descriptor inconsistency, file not verified, unreadable). */
  unusable?: string
  /** No other finding explains `unusable` (a limit of the reader): its claims get the not-recomputable info. */
  unusableUnreported?: boolean
}

export interface Planned {
  readonly claim: Claim
  readonly group: Group
  readonly def?: MetricDef
  readonly params: Params
  /** Slice-expression parameters, parsed. */
  readonly subsets: ReadonlyMap<string, SliceExpr>
  readonly slice?: SliceExpr
}

export interface NotPlanned {
  readonly claim: Claim
  readonly group?: Group
  readonly reason: string
  /** A finding already says why (slice definition, unreadable file): no extra info for it. */
  readonly covered: boolean
}

export const groupKey = (dataset: string, split: string): string => `${dataset}\u0000${split}`

export interface SliceParse {
  readonly expr?: SliceExpr
  readonly error?: SliceSyntaxError
}

export interface PlanResult {
  readonly planned: readonly Planned[]
  readonly notPlanned: readonly NotPlanned[]
  /** Parsed slice definitions by slice index (only slices with claims on some group). */
  readonly slices: ReadonlyMap<number, SliceParse>
  /** Per group key: the columns to read as numbers and as text. */
  readonly needs: ReadonlyMap<string, { numbers: Set<string>; texts: Set<string> }>
}

function resolveParams(def: MetricDef, given: Readonly<Record<string, ParamValue>>): { params: Params; subsets: Map<string, SliceExpr> } | string {
  const params: Record<string, ParamValue> = {}
  const subsets = new Map<string, SliceExpr>()
  for (const k of Object.keys(given)) if (!def.params.some((p) => p.name === k)) return `metric ${def.id} has no parameter "${k}" (it takes ${def.params.map((p) => p.name).join(', ') || 'none'})`
  for (const p of def.params) {
    const v = given[p.name] ?? p.default
    if (v === undefined) {
      if (p.required) return `metric ${def.id} needs the parameter "${p.name}" (compute.params)`
      continue
    }
    if (p.kind === 'number' && typeof v !== 'number') return `parameter "${p.name}" of ${def.id} must be a number`
    if (p.kind !== 'number' && typeof v !== 'string') return `parameter "${p.name}" of ${def.id} must be a string`
    if (p.kind === 'comparator' && !p.values?.includes(v as string)) return `parameter "${p.name}" of ${def.id} must be one of ${p.values?.map((x) => `"${x}"`).join(', ') ?? ''}`
    if (p.name === 'bins' && !(Number.isInteger(v) && (v as number) >= 1)) return `parameter "bins" of ${def.id} must be a whole number >= 1`
    if (p.kind === 'slice') {
      try {
        subsets.set(p.name, parseSlice(v as string))
      } catch (e) {
        if (!(e instanceof SliceSyntaxError)) throw e
        return `parameter "${p.name}" of ${def.id} is not a slice definition: ${e.message}`
      }
    }
    params[p.name] = v
  }
  return { params, subsets }
}

/** Plans every claim against the predictions groups. */
export function planClaims(claims: readonly Claim[], groups: ReadonlyMap<string, Group>): PlanResult {
  const planned: Planned[] = []
  const notPlanned: NotPlanned[] = []
  const slices = new Map<number, SliceParse>()
  const needs = new Map<string, { numbers: Set<string>; texts: Set<string> }>()
  const need = (g: Group): { numbers: Set<string>; texts: Set<string> } => {
    let n = needs.get(g.key)
    if (!n) needs.set(g.key, (n = { numbers: new Set(), texts: new Set() }))
    return n
  }
  const addUses = (g: Group, e: SliceExpr): void => {
    const n = need(g)
    for (const [col, u] of columnUses(e)) {
      if (u.number) n.numbers.add(col)
      if (u.text) n.texts.add(col)
    }
  }
  const sliceOf = (c: Claim): SliceParse => {
    const s = c.slice!
    let p = slices.get(s.index)
    if (!p) {
      try {
        p = { expr: parseSlice(s.definition) }
      } catch (e) {
        if (!(e instanceof SliceSyntaxError)) throw e
        p = { error: e }
      }
      slices.set(s.index, p)
    }
    return p
  }
  const only = groups.size === 1 ? [...groups.values()][0] : undefined
  // A slice's sample size is counted on the group its metrics use (or the only group).
  const sliceGroup = new Map<number, Group | string>()
  for (const c of claims) {
    if (c.scope !== 'slice' || c.field !== 'value' || !c.metric) continue
    const g = groups.get(groupKey(c.metric.dataset, c.metric.split))
    const prev = sliceGroup.get(c.slice!.index)
    if (!g) continue
    if (prev === undefined) sliceGroup.set(c.slice!.index, g)
    else if (typeof prev !== 'string' && prev !== g) sliceGroup.set(c.slice!.index, 'its metrics use more than one dataset or split')
  }

  for (const c of claims) {
    const na = (reason: string, covered = false, group?: Group): void => void notPlanned.push({ claim: c, reason, covered, ...(group ? { group } : {}) })
    let group: Group | undefined
    let def: MetricDef | undefined
    let params: Params = {}
    let subsets = new Map<string, SliceExpr>()
    if (c.scope === 'slice' && c.field === 'sampleSize') {
      const g = sliceGroup.get(c.slice!.index) ?? only
      if (g === undefined) {
        na(groups.size === 0 ? 'no predictions file' : 'none of its metrics is computed on a dataset and split the predictions cover')
        continue
      }
      if (typeof g === 'string') {
        na(g)
        continue
      }
      group = g
    } else {
      const m = c.metric
      if (!m) {
        na(`metric "${c.metricId ?? ''}" is not declared in metrics.json`)
        continue
      }
      group = groups.get(groupKey(m.dataset, m.split))
      if (!group) {
        na(`the pack ships no predictions for dataset ${m.dataset}, split ${m.split}`)
        continue
      }
      if (c.field !== 'sampleSize') {
        const id = m.compute?.metric ?? m.id
        def = metricDef(id)
        if (!def) {
          na(`metric "${id}" is not in Vouch's metric registry`)
          continue
        }
        if (!def.tasks.includes(group.task)) {
          na(`metric ${def.id} is not defined for a ${group.task} task`)
          continue
        }
        if (def.needsScore && group.files[0]?.columns.score === undefined) {
          na(`metric ${def.id} needs a score column, which the predictions file does not declare`)
          continue
        }
        const r = resolveParams(def, m.compute?.params ?? {})
        if (typeof r === 'string') {
          na(r)
          continue
        }
        params = r.params
        subsets = r.subsets
        for (const e of subsets.values()) addUses(group, e)
        for (const p of def.params) if (p.kind === 'column' && typeof params[p.name] === 'string') need(group).numbers.add(params[p.name] as string)
      }
    }
    if (group.unusable) {
      na(group.unusable, !group.unusableUnreported, group)
      continue
    }
    let slice: SliceExpr | undefined
    if (c.scope === 'slice') {
      const sp = sliceOf(c)
      if (!sp.expr) {
        na(`slice definition does not parse: ${sp.error?.message ?? ''}`, true, group)
        continue
      }
      slice = sp.expr
      addUses(group, slice)
    }
    need(group)
    planned.push({ claim: c, group, ...(def ? { def } : {}), params, subsets, ...(slice ? { slice } : {}) })
  }
  return { planned, notPlanned, slices, needs }
}
