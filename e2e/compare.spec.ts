import { appendFile } from 'node:fs/promises'
import { join } from 'node:path'
import { copySample, expect, samplePath, SAMPLE_NEW, SAMPLE_OLD, snap, test } from './fixtures'

test('comparing the two samples shows the critical slice regression and the new failure mode', async ({ vouch }) => {
  const page = vouch.page
  await page.getByTestId('nav-compare').click()
  await page.getByLabel('Older release (baseline)', { exact: true }).fill(samplePath(SAMPLE_OLD))
  await page.getByLabel('Newer release (candidate)', { exact: true }).fill(samplePath(SAMPLE_NEW))
  await page.getByTestId('compare-submit').click()

  const verdict = page.getByTestId('verdict')
  await expect(verdict).toBeVisible({ timeout: 30_000 })
  await expect(verdict).toHaveAttribute('data-level', /review|blocked/)
  await expect(verdict).toContainText(/critical/i)
  // Both verifications are shown, whatever they say.
  await expect(page.getByTestId('side-old')).toHaveAttribute('data-status', 'verified')
  await expect(page.getByTestId('side-new')).toHaveAttribute('data-status', 'verified')

  // Regressions first: the first slice row is a critical regression.
  const slices = page.getByRole('table', { name: 'Slices' })
  const firstRow = slices.locator('.vrow').first()
  await expect(firstRow).toContainText('critical')
  await expect(firstRow).toContainText('Regression')
  await expect(page.getByTestId('slice-delta-chart')).toBeVisible()
  await expect(page.getByTestId('failure-changes')).toContainText('New failure mode')
  await snap(page, 'compare')
  await page.getByTestId('slice-delta-chart').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await snap(page, 'compare-chart')

  // Filters: only regressions leaves no unchanged row.
  await page.getByTestId('filter-regressions').check()
  await expect(slices).not.toContainText('Unchanged')
  await expect(slices.locator('.vrow').first()).toContainText('Regression')
})

test('"compare with previous release" finds the release named by Previous-Version', async ({ vouch }) => {
  const page = vouch.page
  await page.getByRole('region', { name: 'Sample packs' }).getByRole('button', { name: /credit-default-1\.1\.0/ }).click()
  await expect(page.getByTestId('pack-status')).toHaveAttribute('data-status', 'verified', { timeout: 30_000 })
  await page.getByTestId('nav-compare').click()
  await page.getByTestId('compare-previous').click()
  await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('side-old')).toContainText('1.0.0')
  await expect(page.getByTestId('side-new')).toContainText('1.1.0')
})

test('a pack that fails verification is shown as failed in the comparison, never hidden', async ({ vouch, tmp }) => {
  const page = vouch.page
  const bad = await copySample(SAMPLE_NEW, tmp)
  await appendFile(join(bad, 'data', 'model-card.md'), '\nEdited after the pack was built.\n')
  await page.getByTestId('nav-compare').click()
  await page.getByLabel('Older release (baseline)', { exact: true }).fill(samplePath(SAMPLE_OLD))
  await page.getByLabel('Newer release (candidate)', { exact: true }).fill(bad)
  await page.getByTestId('compare-submit').click()
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-level', 'blocked', { timeout: 30_000 })
  await expect(page.getByTestId('side-old')).toHaveAttribute('data-status', 'verified')
  await expect(page.getByTestId('side-new')).toHaveAttribute('data-status', 'failed')
  await expect(page.getByTestId('side-new')).toContainText('data/model-card.md')
})
