/**
 * `vouch serve` leaves no temp folder behind (issue #10): after one API request over the 2 MiB limit
 * (413), stopping the host with SIGINT, SIGTERM or SIGHUP left its upload folder in the temp dir.
 * The real process runs here (signals), with its own TMPDIR, so the check sees only its folders.
 */
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { finished, spawnCli } from '../testing/spawn-cli'
import { makeUploadDir, removeStaleUploadDirs } from './upload-dir'

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-serve-exit-'))
  await mkdir(join(dir, 'renderer'))
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Vouch</title>')
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const served = async (tmp: string): Promise<string[]> => (await readdir(tmp)).filter((n) => n.startsWith('vouch-serve-'))

function postTooLarge(port: number, token: string): Promise<number> {
  const body = Buffer.alloc(3 * 1024 * 1024, 0x20)
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/app:info', method: 'POST', headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('vouch serve removes its temp folder on every exit path', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('after a 413, stopped with %s', async (signal) => {
    const tmp = await mkdtemp(join(dir, 'tmp-'))
    const child = spawnCli(['serve'], { env: { TMPDIR: tmp, VOUCH_RENDERER_DIR: join(dir, 'renderer'), VOUCH_USER_DATA: join(dir, 'user') } })
    const done = finished(child)
    let out = ''
    child.stdout?.setEncoding('utf8')
    const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
      child.stdout?.on('data', (d: string) => {
        out += d
        const m = /serving at http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/.exec(out)
        if (m) resolve(m)
      })
      child.on('exit', () => reject(new Error(`serve ended before it was ready: ${out}`)))
    })
    expect(await served(tmp)).toHaveLength(1)
    expect(await postTooLarge(Number(ready[1]), ready[2] as string)).toBe(413)
    child.kill(signal)
    const r = await done
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(r.code).toBe(0)
    expect(await served(tmp)).toEqual([])
  })

  it('removes a killed host’s folder at the next start, and unhooks its exit handler on close', async () => {
    const tmp = await mkdtemp(join(dir, 'stale-'))
    // A pid that no longer exists: a child that has ended.
    const gone = spawn(process.execPath, ['-e', ''])
    const deadPid = await new Promise<number>((resolve) => gone.on('exit', () => resolve(gone.pid as number)))
    await mkdir(join(tmp, `vouch-serve-${deadPid}-abcdef`, 'u-123456'), { recursive: true })
    await writeFile(join(tmp, `vouch-serve-${deadPid}-abcdef`, 'u-123456', 'dropped.zip'), 'x')
    await mkdir(join(tmp, `vouch-serve-${process.ppid}-ghijkl`))
    await mkdir(join(tmp, 'vouch-serve-not-ours'))
    expect(removeStaleUploadDirs(tmp)).toEqual([join(tmp, `vouch-serve-${deadPid}-abcdef`)])
    expect((await served(tmp)).sort()).toEqual([`vouch-serve-${process.ppid}-ghijkl`, 'vouch-serve-not-ours'])
    const u = await makeUploadDir(tmp)
    expect(u.path.startsWith(join(tmp, `vouch-serve-${process.pid}-`))).toBe(true)
    const before = process.listenerCount('exit')
    await u.remove()
    expect(process.listenerCount('exit')).toBe(before - 1)
    expect(await served(tmp)).toHaveLength(2)
  })
})
