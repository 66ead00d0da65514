/** A CliIO for tests: captures stdout and stderr, no terminal, a chosen working directory. */
import type { CliIO } from './command'

export interface FakeIO extends CliIO {
  readonly stdout: () => string
  readonly stderr: () => string
}

export function fakeIO(opts: { cwd?: string; isTTY?: boolean; env?: Record<string, string | undefined> } = {}): FakeIO {
  let out = ''
  let err = ''
  return {
    out: (t) => {
      out += t
    },
    err: (t) => {
      err += t
    },
    isTTY: opts.isTTY ?? false,
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    stdout: () => out,
    stderr: () => err
  }
}
