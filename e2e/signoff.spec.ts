import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
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

async function signAs(page: Page, keyName: string, passphrase: string): Promise<void> {
  const value = await page.locator('#sign-key option', { hasText: keyName }).getAttribute('value')
  await page.getByLabel('Key', { exact: true }).selectOption(value ?? '')
  for (const row of await page.locator('tr[data-testid^="check-"]').all()) {
    await row.getByLabel('yes', { exact: true }).check()
    await row.getByRole('textbox').fill('Reviewed in the release meeting.')
  }
  await page.getByLabel('Key passphrase').fill(passphrase)
  await page.getByTestId('sign-submit').click()
}

test('sign-off: create keys, trust them, sign as engineer and owner, and the pack becomes Approved', async ({ vouch, tmp }) => {
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

  // Both releases side by side, so the checklist can judge the critical slices against the previous one.
  await copySample(SAMPLE_OLD, tmp)
  const dir = await copySample(SAMPLE_NEW, tmp)
  await openByPath(page, dir)
  await expectStatus(page, 'verified')
  await page.getByTestId('section-signoff').click()
  await expect(page.getByTestId('approval').first()).toHaveAttribute('data-approval', 'not-approved')
  // Each checklist item shows what the evidence says beside the signer's own answer.
  await expect(page.locator('tr[data-testid="check-metrics-thresholds"]')).toContainText(/yes|no/)

  await signAs(page, 'ana.eng', 'correct horse battery')
  await expect(page.getByTestId('signoff-list')).toContainText('ana.eng', { timeout: 30_000 })
  await expect(page.getByTestId('approval').first()).toHaveAttribute('data-approval', 'not-approved')

  // A wrong passphrase is an error in words, and nothing is signed.
  await page.getByLabel('Key', { exact: true }).selectOption({ index: 1 })
  await page.getByLabel('Key passphrase').fill('wrong')
  await page.getByTestId('sign-submit').click()
  await expect(page.getByTestId('notice-error')).toContainText(/passphrase/i)

  await signAs(page, 'olu.owner', 'staple paper clip')
  await expect(page.getByTestId('signoff-list')).toContainText('olu.owner', { timeout: 30_000 })
  await expect(page.getByTestId('approval').first()).toHaveAttribute('data-approval', 'approved')
  await expect(page.getByTestId('section-signoff')).toContainText('2')
  await clearNotices(page)
  await snap(page, 'signoff', { fullPage: true })
})

test('Export PDF (with the diff against the previous release) gives a PDF and says where it went', async ({ vouch, tmp }) => {
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
  // The previous release was found beside the pack, and the PDF reports against it.
  await expect(page.getByTestId('notice-info').filter({ hasText: 'without the comparison' })).toHaveCount(0)
  const text = execFileSync('pdftotext', [saved, '-'], { encoding: 'utf8' })
  expect(text).toContain('Against the previous release')
})
