/**
 * The screens' pieces rendered to HTML with a given store state (the store is replaced by a plain
 * object): what a person and a screen reader get, without a browser.
 */
import { renderToStaticMarkup } from 'react-dom/server'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { assessReports } from '../../../core/assess'
import { diffPacks } from '../../../core/diff'
import { failure, report, slice, thr } from '../../../core/diff/test-builders'

const state = vi.hoisted(() => ({ current: {} as Record<string, unknown> }))
vi.mock('../store', () => ({ useAppStore: (select: (s: Record<string, unknown>) => unknown) => select(state.current) }))

const { GlanceCard } = await import('./pack/glance/GlanceCard')
const { NotAPackMessage } = await import('./welcome/NotAPackMessage')
const { RecentList } = await import('./welcome/RecentList')
const { NoticeList } = await import('../components/NoticeList')
const { SectionNav } = await import('./pack/SectionNav')
const { CreateKeyForm } = await import('./keys/CreateKeyForm')
const { ChangeSections } = await import('./compare/ChangeSections')
const { OpenPackForm } = await import('./welcome/OpenPackForm')

const noop = (): void => undefined
const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

beforeEach(() => {
  state.current = { showSection: noop, compareWithPrevious: noop, assessment: null, reassessing: false, host: { browse: true, dialogs: false, cwd: '/srv' } }
})

describe('the glance card', () => {
  it('renders every fact of the assessment with a link to its section, and names the previous release with a way to change it', () => {
    const metrics = [thr('auc', '0.80', '>=', '0.70')]
    const prev = report({ version: '1.0.0', metrics, slices: [slice('young', { auc: 0.8 }, { critical: true })] })
    const cur = report({ version: '1.1.0', previousVersion: '1.0.0', metrics, slices: [slice('young', { auc: 0.6 }, { critical: true, name: 'Young' })], failures: [failure('FM-4', 'Rank order', { severity: 'critical', status: 'open' })] })
    const a = assessReports(cur, { previous: { report: prev, diff: diffPacks(prev, cur) } })
    state.current = { ...state.current, assessment: a }
    const html = renderToStaticMarkup(<GlanceCard assessment={a} />)
    for (const id of ['integrity', 'approval', 'gate', 'critical-slices', 'failure-modes', 'traceability']) expect(html).toContain(`data-testid="glance-${id}"`)
    const t = text(html)
    expect(t).toContain('Blocked against credit 1.0.0')
    expect(t).toContain('1 of 1 critical slice below threshold')
    expect(t).toContain('FM-4 Rank order (critical)')
    expect(t).toContain(`Compared with credit 1.0.0 at ${prev.location}`)
    expect(html).toContain('data-testid="change-previous"')
    expect(t).toContain('Compare side by side')
    // Tone is never colour alone: each line's words say it, the symbol is decoration.
    expect(html).toMatch(/<span class="glance-symbol" aria-hidden="true">✕<\/span>/)
  })
})

describe('not an Assurance Pack', () => {
  it('says so with the reason, where, the packs inside, and the code in small print', () => {
    const html = renderToStaticMarkup(
      <NotAPackMessage path="/srv/packs" error={{ code: 'not-a-pack', message: '/srv/packs is not an Assurance Pack (no bagit.txt).', reason: 'no bagit.txt', path: '/srv/packs', hint: 'It holds 2 packs: a, b; open one of them.' }} />
    )
    expect(html).toContain('role="alert"')
    const t = text(html)
    expect(t).toContain('This is not an Assurance Pack (no bagit.txt)')
    expect(t).toContain('It holds 2 packs: a, b; open one of them.')
    expect(t).toContain('code not-a-pack')
    expect(t).not.toMatch(/Sign|Export/)
  })

  it('on the Open form, instead of an error notice, with nothing else offered than other ways to open', () => {
    state.current = { ...state.current, openPack: noop, choosePack: noop, openDropped: noop, verify: { kind: 'error', path: '/e', error: { code: 'not-a-pack', message: 'm', reason: 'no bagit.txt' } } }
    const html = renderToStaticMarkup(<OpenPackForm />)
    expect(html).toContain('data-testid="not-a-pack"')
    expect(html).toContain('data-testid="browse-folders"')
    expect(html).toContain('data-testid="choose-archive"')
    expect(text(html)).toContain('A relative path starts from /srv')
  })
})

describe('recent packs', () => {
  it('show each pack with its last verdict and when, a remove button each, and clear all', () => {
    state.current = {
      ...state.current,
      openPack: noop,
      removeRecent: noop,
      clearRecents: noop,
      recents: [{ path: '/p/a', fileName: 'a', openedAt: '2026-11-30T10:00:00Z', name: 'credit', version: '1.1.0', verdict: { status: 'failed', at: '2026-11-28T10:00:00Z' } }]
    }
    const html = renderToStaticMarkup(<RecentList />)
    expect(html).toContain('data-status="failed"')
    expect(text(html)).toMatch(/Failed 2026-11-28 \d\d:\d\d/)
    expect(html).toContain('aria-label="Remove credit 1.1.0 from recent packs"')
    expect(html).toContain('data-testid="recent-clear"')
  })
})

describe('messages', () => {
  it('two live regions are always in the page (errors assertive, information polite); errors lead with a sentence and the code in small print', () => {
    state.current = { ...state.current, notices: [], dismissNotice: noop, holdNotice: noop }
    const empty = renderToStaticMarkup(<NoticeList />)
    expect(empty).toContain('role="alert"')
    expect(empty).toContain('role="status"')
    state.current = {
      ...state.current,
      notices: [{ id: 1, kind: 'error', context: 'Opening x', message: 'pack:open: args[0]: not an absolute path', error: { code: 'invalid-argument', message: 'pack:open: args[0]: not an absolute path' }, count: 1 }]
    }
    const t = text(renderToStaticMarkup(<NoticeList />))
    expect(t).toContain('Vouch could not accept this request. Nothing was changed.')
    expect(t).toContain('code invalid-argument · pack:open: args[0]: not an absolute path')
  })
})

describe('keyboard and disabled buttons', () => {
  it('the section list is one Tab stop: only the current section is tabbable', () => {
    state.current = { ...state.current, section: 'evaluation', assessment: null }
    const html = renderToStaticMarkup(<SectionNav report={report()} />)
    expect(html.match(/tabindex="0"/g)).toHaveLength(1)
    expect(html).toMatch(/tabindex="0"[^>]*data-testid="section-evaluation"/)
    expect(html.match(/tabindex="-1"/g)).toHaveLength(8)
  })

  it('the passphrase rule is shown before typing, and a disabled Create key says why', () => {
    state.current = { ...state.current, createKey: noop }
    const html = renderToStaticMarkup(<CreateKeyForm />)
    expect(text(html)).toContain('At least 8 characters')
    expect(html).toMatch(/<button type="submit" class="primary" disabled="" aria-describedby="create-key-why"/)
    expect(text(html)).toContain('Enter your name.')
  })
})

describe('Compare change cards', () => {
  it('"Only regressions" keeps what makes things worse: new failure modes, vanished slices; not resolved ones, additions or files', () => {
    const prev = report({ version: '1.0.0', failures: [failure('FM-1', 'Old one')], slices: [slice('gone', { auc: 1 })] })
    const cur = report({ version: '1.1.0', failures: [failure('FM-2', 'New one', { severity: 'high' })], slices: [slice('added', { auc: 1 })] })
    const d = diffPacks(prev, cur)
    const all = text(renderToStaticMarkup(<ChangeSections diff={d} />))
    expect(all).toContain('Resolved Old one')
    expect(all).toContain('added added')
    const only = text(renderToStaticMarkup(<ChangeSections diff={d} onlyRegressions />))
    expect(only).toContain('New failure mode New one')
    expect(only).not.toContain('Old one')
    expect(only).toContain('removed gone')
    expect(only).not.toMatch(/added added|Files \(/)
  })
})
