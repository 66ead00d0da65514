/**
 * Tiny runtime validators for the contract (no dependency). A validator checks an `unknown` value
 * coming from the renderer or the HTTP body and returns an error message, or undefined when the
 * value has the declared type. `Infer<V>` recovers that type, so each argument type is written once.
 */
export interface Validator<T> {
  /** Undefined when valid; otherwise one line naming the offending position ("args[0].path: ..."). */
  readonly check: (value: unknown, at: string) => string | undefined
  /** Phantom: never set at run time; carries T for Infer. */
  readonly _type?: T
}

export type Infer<V> = V extends Validator<infer T> ? T : never

const v = <T>(check: (value: unknown, at: string) => string | undefined): Validator<T> => ({ check })

export interface StrOptions {
  readonly min?: number
  readonly max: number
  readonly pattern?: RegExp
  /** Human wording for the pattern, used in the error message. */
  readonly what?: string
}

/** A string; NUL is always refused (path truncation attacks; Electron checklist: validate IPC input). */
export function str(opts: StrOptions): Validator<string> {
  return v((x, at) => {
    if (typeof x !== 'string') return `${at}: expected a string`
    if (x.length < (opts.min ?? 0)) return `${at}: too short`
    if (x.length > opts.max) return `${at}: longer than ${opts.max} characters`
    if (x.includes('\u0000')) return `${at}: contains a NUL character`
    if (opts.pattern && !opts.pattern.test(x)) return `${at}: not ${opts.what ?? 'in the expected form'}`
    return undefined
  })
}

export function literal<const L extends readonly (string | number | boolean)[]>(...values: L): Validator<L[number]> {
  return v((x, at) => (values.includes(x as L[number]) ? undefined : `${at}: expected one of ${values.join(', ')}`))
}

export const bool: Validator<boolean> = v((x, at) => (typeof x === 'boolean' ? undefined : `${at}: expected true or false`))

export function int(min: number, max: number): Validator<number> {
  return v((x, at) =>
    typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max ? undefined : `${at}: expected an integer in [${min}, ${max}]`
  )
}

export function arr<T>(item: Validator<T>, maxItems: number): Validator<readonly T[]> {
  return v((x, at) => {
    if (!Array.isArray(x)) return `${at}: expected a list`
    if (x.length > maxItems) return `${at}: more than ${maxItems} items`
    for (let i = 0; i < x.length; i++) {
      const e = item.check(x[i], `${at}[${i}]`)
      if (e) return e
    }
    return undefined
  })
}

type Shape = Record<string, Validator<unknown>>
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalValidator<unknown> ? K : never }[keyof S]
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>
export type ObjOf<S extends Shape> = { readonly [K in RequiredKeys<S>]: Infer<S[K]> } & {
  readonly [K in OptionalKeys<S>]?: Infer<S[K]>
}

export interface OptionalValidator<T> extends Validator<T> {
  readonly optional: true
}

export function opt<T>(inner: Validator<T>): OptionalValidator<T> {
  return { optional: true, check: (x, at) => (x === undefined ? undefined : inner.check(x, at)) }
}

/** A plain object with exactly these keys: unknown keys are refused (no smuggled fields). */
export function obj<S extends Shape>(shape: S): Validator<ObjOf<S>> {
  return v((x, at) => {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return `${at}: expected an object`
    const proto = Object.getPrototypeOf(x) as unknown
    if (proto !== Object.prototype && proto !== null) return `${at}: expected a plain object`
    for (const k of Object.keys(x)) if (!Object.prototype.hasOwnProperty.call(shape, k)) return `${at}: unknown field '${k}'`
    for (const [k, val] of Object.entries(shape)) {
      const e = val.check((x as Record<string, unknown>)[k], `${at}.${k}`)
      if (e) return e
    }
    return undefined
  })
}

type TupleOf<T extends readonly Validator<unknown>[]> = T extends readonly [
  infer H extends Validator<unknown>,
  ...infer R extends readonly Validator<unknown>[]
]
  ? H extends OptionalValidator<unknown>
    ? [(Infer<H> | undefined)?, ...TupleOf<R>]
    : [Infer<H>, ...TupleOf<R>]
  : []

/**
 * The positional arguments of one channel. Trailing optional validators may be omitted by the
 * caller; more arguments than declared are refused.
 */
export function args<const T extends readonly Validator<unknown>[]>(...items: T): Validator<TupleOf<T>> & { readonly arity: number } {
  return {
    arity: items.length,
    check: (x, at) => {
      if (!Array.isArray(x)) return `${at}: expected an argument list`
      if (x.length > items.length) return `${at}: expected at most ${items.length} argument(s), got ${x.length}`
      for (let i = 0; i < items.length; i++) {
        const e = items[i]?.check(x[i], `${at}[${i}]`)
        if (e) return e
      }
      return undefined
    }
  }
}

/** Declares a result type for the contract (results are produced by trusted code: no run-time check). */
export function res<T>(): Validator<T> {
  return v(() => undefined)
}
