import { beforeEach, describe, expect, it, vi } from 'vitest'

// The store talks to the host only through lib/api: replace it with a fake adapter.
const fake = vi.hoisted(() => ({
  pack: {
    open: vi.fn(),
    verify: vi.fn(),
    cancel: vi.fn(),
    assess: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: false, error: { code: 'unsupported', message: 'no' } })),
    setPrevious: vi.fn(),
    samples: vi.fn(async () => ({ ok: true, value: [] })),
    startup: vi.fn(async () => ({ ok: true, value: null }))
  },
  recent: { get: vi.fn(async () => ({ ok: true, value: [] })), remove: vi.fn(), clear: vi.fn() },
  attest: { export: vi.fn() },
  signoff: { sign: vi.fn() },
  onProgress: vi.fn(() => () => undefined),
  onOpenPath: vi.fn(() => () => undefined)
}))
vi.mock('../lib/api', () => ({ api: fake }))

const { useAppStore } = await import('./index')

const opened = { packId: 'pk_0123456789abcdef', location: '/p/a', fileName: 'a', container: 'folder', readOnly: false }
const report = { status: 'verified', ok: true, findings: [], files: [], location: '/p/a', pack: {} }

async function openVerified(assessment: unknown = { status: 'verified', integrity: { status: 'verified' } }): Promise<void> {
  fake.pack.open.mockResolvedValueOnce({ ok: true, value: opened })
  fake.pack.verify.mockResolvedValueOnce({ ok: true, value: report })
  fake.pack.assess.mockResolvedValueOnce({ ok: true, value: assessment })
  await useAppStore.getState().openPack('/p/a')
}

describe('store', () => {
  beforeEach(() => {
    useAppStore.setState({ verify: { kind: 'idle' }, notices: [], screen: 'welcome', assessment: null })
    vi.clearAllMocks()
  })

  it('a refused path stays on Welcome with the typed error in words', async () => {
    fake.pack.open.mockResolvedValueOnce({ ok: false, error: { code: 'not-found', message: 'nothing at /tmp/x.zip' } })
    await useAppStore.getState().openPack('/tmp/x.zip')
    const s = useAppStore.getState()
    expect(s.screen).toBe('welcome')
    expect(s.verify).toMatchObject({ kind: 'error', path: '/tmp/x.zip', error: { code: 'not-found' } })
    expect(s.notices).toHaveLength(1)
    expect(s.notices[0]).toMatchObject({ kind: 'error', topic: 'open', context: 'Opening /tmp/x.zip', error: { code: 'not-found' } })
    // Opening something else that works clears the error it answers.
    await openVerified()
    expect(useAppStore.getState().notices).toEqual([])
  })

  it('not a pack is the answer, not a fault: said on Welcome (no error notice), at open or once an archive is listed', async () => {
    fake.pack.open.mockResolvedValueOnce({ ok: false, error: { code: 'not-a-pack', message: '/e is not an Assurance Pack (no bagit.txt).', reason: 'no bagit.txt', path: '/e' } })
    await useAppStore.getState().openPack('/e')
    expect(useAppStore.getState()).toMatchObject({ screen: 'welcome', verify: { kind: 'error', error: { code: 'not-a-pack' } }, notices: [] })
    fake.pack.open.mockResolvedValueOnce({ ok: true, value: { ...opened, location: '/files.zip', container: 'zip' } })
    fake.pack.verify.mockResolvedValueOnce({ ok: false, error: { code: 'not-a-pack', message: 'no', reason: 'no bagit.txt' } })
    await useAppStore.getState().openPack('/files.zip')
    expect(useAppStore.getState()).toMatchObject({ screen: 'welcome', verify: { kind: 'error', error: { code: 'not-a-pack' } }, notices: [] })
    expect(fake.pack.assess).not.toHaveBeenCalled()
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
    const assessment = { status: 'not-approved', integrity: { status: 'verified' } }
    await openVerified(assessment)
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
    expect(useAppStore.getState().notices.at(-1)).toMatchObject({ kind: 'error', error: { code: 'trust-file-invalid' } })
  })

  it('information closes by itself, not while it is held; errors stay; the same message is counted, not repeated', async () => {
    vi.useFakeTimers()
    try {
      const ui = useAppStore.getState()
      ui.reportInfo('Saved', 'ok')
      ui.reportInfo('Held', 'ok')
      const held = useAppStore.getState().notices[1]
      if (held === undefined) throw new Error('no notice')
      ui.holdNotice(held.id, true)
      ui.reportError('Opening x', { code: 'not-found', message: 'nothing' })
      ui.reportError('Opening x', { code: 'not-found', message: 'nothing' })
      vi.advanceTimersByTime(9_000)
      expect(useAppStore.getState().notices.map((n) => [n.context, n.count])).toEqual([
        ['Held', 1],
        ['Opening x', 2]
      ])
      ui.holdNotice(held.id, false)
      vi.advanceTimersByTime(9_000)
      expect(useAppStore.getState().notices.map((n) => n.kind)).toEqual(['error'])
    } finally {
      vi.useRealTimers()
    }
  })

  it('a PDF of a pack that is not a plain success says what it records, and stays until dismissed', async () => {
    await openVerified()
    fake.attest.export.mockResolvedValueOnce({ ok: true, value: { kind: 'saved', path: '/out/a.pdf', bytes: 9, sha256: 'ab', status: 'failed', against: 'credit@1.0.0' } })
    await useAppStore.getState().exportPdf()
    expect(useAppStore.getState().notices.at(-1)).toMatchObject({
      kind: 'warning',
      context: 'PDF attestation exported: it records Failed',
      message: 'The PDF records: Failed, judged against credit@1.0.0. Saved to /out/a.pdf (SHA-256 ab).'
    })
  })

  it('after signing, the files, the history and the verdict refresh together and the form starts again', async () => {
    await openVerified()
    useAppStore.setState({
      checklist: [{ id: 'a', text: 'A' }],
      answers: { a: { answer: 'yes', note: 'fine' } },
      signoffForm: { keyId: 'ed25519:k', role: 'owner', decision: 'reject', comment: 'no', acknowledgeBlockers: true }
    })
    const after = { ...report, files: [{ path: 'signoffs/x.json', size: 1, status: 'signoff' }] }
    const assessment = { status: 'rejected', integrity: { status: 'verified' }, signoffs: [{}] }
    fake.signoff.sign.mockResolvedValueOnce({ ok: true, value: { signoffPath: 'signoffs/x.json', assessment, report: after } })
    expect(await useAppStore.getState().sign('pw')).toBe(true)
    const s = useAppStore.getState()
    expect(s.verify).toMatchObject({ kind: 'done', report: after })
    expect(s.assessment).toBe(assessment)
    expect(s.answers).toEqual({ a: { answer: null, note: '' } })
    expect(s.signoffForm).toEqual({ keyId: 'ed25519:k', role: 'owner', decision: 'approve', comment: '', acknowledgeBlockers: false })
  })

  it('another previous release: the host is told, then asked again for the verdict', async () => {
    await openVerified()
    fake.pack.setPrevious.mockResolvedValueOnce({ ok: true, value: { mode: 'none', location: null } })
    const again = { status: 'verified', integrity: { status: 'verified' }, gate: null }
    fake.pack.assess.mockResolvedValueOnce({ ok: true, value: again })
    expect(await useAppStore.getState().setPrevious('none')).toBe(true)
    expect(fake.pack.setPrevious).toHaveBeenCalledWith(opened.packId, 'none', undefined)
    expect(useAppStore.getState()).toMatchObject({ assessment: again, reassessing: false })
  })
})
