/**
 * Broken pipes (issue #10): `vouch build <dir> | head -1` ended with an EPIPE stack trace and exit 1.
 * Each command here writes to a pipe whose reader is already gone (as after `head -1`): it must end
 * quietly, no stack trace, with the exit code of what it found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makePack, type TestPack } from '../core/verify/testing/make-pack'
import { finished, spawnCli } from './testing/spawn-cli'

let pack: TestPack
beforeAll(async () => {
  pack = await makePack()
})
afterAll(async () => {
  await pack.cleanup()
})

describe('EPIPE', () => {
  it('every command exits quietly, with its own exit code, when the reader has gone', async () => {
    const runs = [
      { args: ['build', pack.dir], want: 0 },
      { args: ['verify', pack.dir, '--json'], want: 0 },
      { args: ['diff', pack.dir, pack.dir], want: 0 },
      { args: ['verify', '/nonexistent/pack'], want: 3 },
      { args: ['--help'], want: 0 }
    ]
    const results = await Promise.all(
      runs.map(async (r) => {
        const child = spawnCli(r.args)
        // The read end closes before the first write: the first write fails with EPIPE, every time.
        child.stdout?.destroy()
        return { ...r, ...(await finished(child)) }
      })
    )
    for (const r of results) {
      expect(r.stderr, r.args.join(' ')).not.toMatch(/EPIPE|Error:|\n\s+at /)
      expect({ args: r.args, code: r.code, signal: r.signal }).toEqual({ args: r.args, code: r.want, signal: null })
    }
  })
})
