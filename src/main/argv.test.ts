import { describe, expect, it } from 'vitest'
import { packFromArgv } from './argv'

const exists = (p: string): boolean => ['/repo', '/repo/out/main/index.js', '/data/pack.zip', '/repo/rel-pack'].includes(p)
const self = new Set(['/repo', '/repo/out/main/index.js'])

describe('packFromArgv', () => {
  it('skips the executable, switches and the app path, wherever a launcher puts them', () => {
    expect(packFromArgv(['electron', '--inspect=0', '--remote-debugging-port=0', '.', '--no-sandbox'], '/repo', self, exists)).toBeUndefined()
    expect(packFromArgv(['electron', 'out/main/index.js', '/data/pack.zip'], '/repo', self, exists)).toBe('/data/pack.zip')
    expect(packFromArgv(['Vouch', '/data/pack.zip'], '/home', self, exists)).toBe('/data/pack.zip')
  })

  it('resolves relative paths against the caller cwd and ignores paths that do not exist', () => {
    expect(packFromArgv(['electron', '.', 'rel-pack'], '/repo', self, exists)).toBe('/repo/rel-pack')
    expect(packFromArgv(['electron', '.', '/nope.zip'], '/repo', self, exists)).toBeUndefined()
  })
})
