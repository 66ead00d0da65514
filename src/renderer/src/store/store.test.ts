import { beforeEach, describe, expect, it, vi } from 'vitest'

// The store talks to the host only through lib/api: replace it with a fake adapter.
const fake = vi.hoisted(() => ({
  pack: {
    open: vi.fn(),
    verify: vi.fn(),
    cancel: vi.fn(),
    assess: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: false, error: { code: 'unsupported', message: 'no' } })),
    samples: vi.fn(async () => ({ ok: true, value: [] })),
    startup: vi.fn(async () => ({ ok: true, value: null }))
  },
  recent: { get: vi.fn(async () => ({ ok: true, value: [] })) },
  onProgress: vi.fn(() => () => undefined),
  onOpenPath: vi.fn(() => () => undefined)
}))
vi.mock('../lib/api', () => ({ api: fake }))

const { useAppStore } = await import('./index')

const opened = { packId: 'pk_0123456789abcdef', location: '/p/a', fileName: 'a', container: 'folder', readOnly: false }

describe('store', () => {
  beforeEach(() => {
    useAppStore.setState({ verify: { kind: 'idle' }, notices: [], screen: 'welcome' })
    vi.clearAllMocks()
  })

  it('a refused path stays on Welcome with the typed error in words', async () => {
    fake.pack.open.mockResolvedValueOnce({ ok: false, error: { code: 'unreadable', message: 'not a pack: expected a folder, .zip, .tar or .tar.gz' } })
    await useAppStore.getState().openPack('/tmp/x.zip')
    const s = useAppStore.getState()
    expect(s.screen).toBe('welcome')
    expect(s.verify).toMatchObject({ kind: 'error', path: '/tmp/x.zip', error: { code: 'unreadable' } })
    expect(s.notices).toHaveLength(1)
    expect(s.notices[0]).toMatchObject({ kind: 'error', code: 'unreadable', context: 'Opening /tmp/x.zip' })
  })

  it('progress for the running job is applied; progress for another job is ignored', async () => {
    let finish: (v: unknown) => void = () => undefined
    fake.pack.open.mockResolvedValueOnce({ ok: true, value: opened })
    fake.pack.verify.mockReturnValueOnce(new Promise((r) => (finish = r)))
    const done = useAppStore.getState().openPack('/p/a')
    await vi.waitFor(() => expect(useAppStore.getState().verify.kind).toBe('running'))
    const v = useAppStore.getState().verify
    if (v.kind !== 'running') throw new Error('not running')
    useAppStore.getState().applyProgress({ jobId: 'other', filesDone: 9, filesTotal: 9, bytesDone: 9, bytesTotal: 9 })
    expect(useAppStore.getState().verify).toMatchObject({ progress: null })
    useAppStore.getState().applyProgress({ jobId: v.jobId, filesDone: 1, filesTotal: 4, bytesDone: 10, bytesTotal: 40 })
    expect(useAppStore.getState().verify).toMatchObject({ progress: { filesDone: 1, bytesTotal: 40 } })
    finish({ ok: false, error: { code: 'cancelled', message: 'cancelled' } })
    await done
    expect(useAppStore.getState().verify.kind).toBe('cancelled')
    // A cancel is not an error: no red message.
    expect(useAppStore.getState().notices).toHaveLength(0)
  })

  it('shows a pack only with its verdict: verify, then the host assesses it; the badge never comes from the report', async () => {
    const report = { status: 'verified', ok: true, findings: [], location: '/p/a' }
    const assessment = { status: 'not-approved', integrity: { status: 'verified' } }
    fake.pack.open.mockResolvedValueOnce({ ok: true, value: opened })
    fake.pack.verify.mockResolvedValueOnce({ ok: true, value: report })
    fake.pack.assess.mockResolvedValueOnce({ ok: true, value: assessment })
    await useAppStore.getState().openPack('/p/a')
    expect(useAppStore.getState().verify).toMatchObject({ kind: 'done', report })
    expect(useAppStore.getState().assessment).toBe(assessment)
    // The assessment was asked for under its own job (progress for the previous release's verification).
    expect(fake.pack.assess.mock.calls[0]?.[1]).toMatch(/^assess-/)

    // A trust file that does not parse: shown, and no status is claimed.
    fake.pack.open.mockResolvedValueOnce({ ok: true, value: opened })
    fake.pack.verify.mockResolvedValueOnce({ ok: true, value: report })
    fake.pack.assess.mockResolvedValueOnce({ ok: false, error: { code: 'trust-file-invalid', message: 'line 2' } })
    await useAppStore.getState().openPack('/p/a')
    expect(useAppStore.getState()).toMatchObject({ verify: { kind: 'done' }, assessment: null, assessError: { code: 'trust-file-invalid' } })
    expect(useAppStore.getState().notices.at(-1)).toMatchObject({ kind: 'error', code: 'trust-file-invalid' })
  })
})
