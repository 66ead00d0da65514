/** Exhaustiveness guard for switches over discriminated unions (a compile error when a case is missed). */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`)
}
