import { execFileSync } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { clearNotices, copySample, expect, expectStatus, openByPath, SAMPLE_NEW, SAMPLE_OLD, snap, test } from './fixtures'

async function createKey(page: Page, name: string, role: string, passphrase: string): Promise<void> {
  await page.getByLabel(/^Your name/).fill(name)
  await page.getByLabel('Role', { exact: true }).fill(role)
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase)
  await page.getByLabel('Passphrase again').fill(passphrase)
  await page.getByTestId('create-key').click()
  await expect(page.getByTestId('key-list')).toContainText(name, { timeout: 30_000 })
}

async function fillChecklist(page: Page, answer: 'yes' | 'n/a'): Promise<void> {
  for (const row of await page.locator('tr[data-testid^="check-"]').all()) {
    await row.getByLabel(answer, { exact: true }).check()
    await row.getByRole('textbox').fill('Reviewed in the release meeting; the slice regression is accepted with the R-01 mitigation.')
  }
}

async function chooseKey(page: Page, keyName: string, passphrase: string): Promise<void> {
  const value = await page.locator('#sign-key option', { hasText: keyName }).getAttribute('value')
  await page.getByLabel('Key', { exact: true }).selectOption(value ?? '')
  await page.getByLabel('Key passphrase').fill(passphrase)
}

/** The files under the pack's signoffs/ (none while nothing was signed). */
async function envelopes(dir: string): Promise<string[]> {
  return readdir(join(dir, 'signoffs')).catch(() => [])
}

test('sign-off: the app refuses approvals the policy would ignore, then two acknowledged approvals read Approved with acknowledged blockers', async ({ vouch, tmp }) => {
  test.setTimeout(180_000)
  const page = vouch.page
  await page.getByTestId('nav-keys').click()
  await createKey(page, 'ana.eng', 'engineer', 'correct horse battery')
  await createKey(page, 'olu.owner', 'owner', 'staple paper clip')
  await page.getByRole('button', { name: 'Add my keys' }).click()
  await page.getByTestId('trust-save').click()
  await expect(page.getByTestId('notice-info').last()).toContainText('Trust file saved')
  await clearNotices(page)
  await snap(page, 'keys')

  // Both releases side by side: the app compares against the previous one, and the diff is Blocked.
  await copySample(SAMPLE_OLD, tmp)
  const dir = await copySample(SAMPLE_NEW, tmp)
  await openByPath(page, dir)
  // With a trust file the app requires approval: an intact, unsigned pack is Not approved, never Failed.
  await expectStatus(page, 'not-approved')
  await expect(page.getByTestId('gate')).toHaveAttribute('data-gate', 'blocked')
  const filesBefore = Number((await page.getByTestId('section-files').innerText()).replace(/\D+/g, ''))
  expect(filesBefore).toBeGreaterThan(10)
  await page.getByTestId('section-signoff').click()
  await expect(page.locator('tr[data-testid="check-metrics-thresholds"]')).toContainText(/yes|no/)

  // 1. The evidence's own answers include a "no": an approval with it is refused, nothing is written.
  await fillChecklist(page, 'yes')
  await page.getByRole('button', { name: "Start from the evidence's answers" }).click()
  await expect(page.locator('tr[data-testid="check-no-critical-slice-regression"]').getByLabel('no', { exact: true })).toBeChecked()
  for (const row of await page.locator('tr[data-testid^="check-"]').all()) await row.getByRole('textbox').fill('As the evidence says.')
  await chooseKey(page, 'ana.eng', 'correct horse battery')
  await expect(page.getByTestId('approval-refusal')).toContainText('answered "no"')
  await page.getByTestId('sign-submit').click()
  await expect(page.getByTestId('notice-error')).toContainText('approval-refused')
  expect(await envelopes(dir)).toEqual([])

  // 2. Around the UI, straight to the host: the same rule, the same refusal, still nothing written.
  const direct = await page.evaluate(async (packDir) => {
    const call = async (channel: string, args: unknown[]): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> =>
      (await (await fetch(`/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) })).json()) as {
        ok: boolean
        value?: unknown
        error?: { code: string }
      }
    const keys = (await call('keys:list', [])).value as { keyId: string; name: string }[]
    const keyId = keys.find((k) => k.name === 'ana.eng')?.keyId
    const opened = (await call('pack:open', [packDir])).value as { packId: string }
    const answers = ['intended-use', 'metrics-thresholds', 'no-critical-slice-regression', 'monitoring-plan', 'traceability'].map((id) => ({ id, answer: 'yes', note: 'n' }))
    const sign = (extra: object): Promise<{ ok: boolean; error?: { code: string } }> =>
      call('signoff:sign', [opened.packId, { keyId, passphrase: 'correct horse battery', role: 'engineer', decision: 'approve', answers, ...extra }])
    return [await sign({ answers: answers.map((a) => (a.id === 'traceability' ? { ...a, answer: 'no' } : a)) }), await sign({})].map((r) => [r.ok, r.error?.code])
  }, dir)
  expect(direct).toEqual([
    [false, 'approval-refused'],
    [false, 'approval-refused']
  ])
  expect(await envelopes(dir)).toEqual([])

  // 3. Every item answered, but the gate is Blocked: refused until the signer acknowledges the blockers.
  await clearNotices(page)
  await fillChecklist(page, 'yes')
  await expect(page.getByTestId('gate-blockers')).toContainText('regressions')
  await expect(page.getByTestId('approval-refusal')).toContainText('Blocked')
  await clearNotices(page)
  await snap(page, 'signoff', { fullPage: true })
  await chooseKey(page, 'ana.eng', 'correct horse battery')
  await page.getByTestId('sign-submit').click()
  await expect(page.getByTestId('notice-error')).toContainText('Blocked')
  expect(await envelopes(dir)).toEqual([])

  // 4. Acknowledged: signed; the acknowledgement is inside the signed statement.
  await clearNotices(page)
  await page.getByTestId('acknowledge-blockers').check()
  await expect(page.getByTestId('approval-refusal')).toHaveCount(0)
  await chooseKey(page, 'ana.eng', 'correct horse battery')
  await page.getByTestId('sign-submit').click()
  await expect(page.getByTestId('signoff-list')).toContainText('ana.eng', { timeout: 30_000 })
  await expect(page.getByTestId('acknowledged')).toHaveCount(1)
  // The Files count and the Sign-off count refresh; the form starts again (no answers, no acknowledgement, no passphrase).
  await expect(page.getByTestId('section-files')).toContainText(String(filesBefore + 1))
  await expect(page.getByTestId('section-signoff')).toContainText('1')
  await expect(page.getByTestId('acknowledge-blockers')).not.toBeChecked()
  await expect(page.getByLabel('Key passphrase')).toHaveValue('')
  for (const box of await page.locator('tr[data-testid^="check-"]').getByRole('textbox').all()) await expect(box).toHaveValue('')
  await expectStatus(page, 'not-approved')
  const [env] = await envelopes(dir)
  const statement = JSON.parse(Buffer.from(JSON.parse(await readFile(join(dir, 'signoffs', env ?? ''), 'utf8')).payload, 'base64').toString('utf8'))
  expect(statement.predicateType).toBe('https://vouch.dev/signoff/v2')
  expect(statement.predicate.acknowledges.blockers.map((b: { code: string }) => b.code)).toEqual(['regressions'])

  // A wrong passphrase is an error in words, and nothing is signed (the form was reset: answered again).
  await clearNotices(page)
  await fillChecklist(page, 'yes')
  await page.getByTestId('acknowledge-blockers').check()
  await page.getByLabel('Key', { exact: true }).selectOption({ index: 1 })
  await page.getByLabel('Key passphrase').fill('wrong')
  await page.getByTestId('sign-submit').click()
  await expect(page.getByTestId('notice-error')).toContainText(/passphrase/i)
  expect(await envelopes(dir)).toHaveLength(1)

  await clearNotices(page)
  await page.getByTestId('acknowledge-blockers').check()
  await chooseKey(page, 'olu.owner', 'staple paper clip')
  await page.getByTestId('sign-submit').click()
  await expect(page.getByTestId('signoff-list')).toContainText('olu.owner', { timeout: 30_000 })
  await expectStatus(page, 'approved-with-acknowledged-blockers')
  await expect(page.getByTestId('pack-status')).toHaveText(/Approved with acknowledged blockers/)
  await expect(page.getByTestId('section-signoff')).toContainText('2')
  await clearNotices(page)
  await snap(page, 'signoff-acknowledged-blockers')

  // The PDF the app exports says the same.
  const download = page.waitForEvent('download')
  await page.getByTestId('export-pdf').click()
  const d = await download
  const saved = join(tmp, d.suggestedFilename())
  await d.saveAs(saved)
  const page1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', saved, '-'], { encoding: 'utf8' })
  expect(page1).toMatch(/OVERALL STATUS\s+Approved with acknowledged blockers/)
})

test('Export PDF gives a PDF against the previous release beside the pack and says where it went', async ({ vouch, tmp }) => {
  const page = vouch.page
  await copySample(SAMPLE_OLD, tmp)
  const dir = await copySample(SAMPLE_NEW, tmp)
  await openByPath(page, dir)
  await expectStatus(page, 'verified')
  let saved: string
  if (vouch.kind === 'electron') {
    saved = `${tmp}/attestation.pdf`
    await vouch.answerSaveDialog(saved)
    await page.getByTestId('export-pdf').click()
    await expect(page.getByTestId('notice-info').filter({ hasText: saved })).toBeVisible()
  } else {
    const download = page.waitForEvent('download')
    await page.getByTestId('export-pdf').click()
    const d = await download
    saved = `${tmp}/${d.suggestedFilename()}`
    await d.saveAs(saved)
    await expect(page.getByTestId('notice-info').filter({ hasText: d.suggestedFilename() })).toBeVisible()
  }
  const bytes = await readFile(saved)
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const text = execFileSync('pdftotext', [saved, '-'], { encoding: 'utf8' })
  expect(text).toContain('Against the previous release')
  expect(text).toMatch(/OVERALL STATUS\s+Verified/)
})
