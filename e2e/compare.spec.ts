import { spawnSync } from 'node:child_process'
import { appendFile } from 'node:fs/promises'
import { join } from 'node:path'
import { clearNotices, copySample, expect, ROOT, samplePath, SAMPLE_NEW, SAMPLE_OLD, snap, test } from './fixtures'

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
  // A slice is named as everywhere: "Name (id)".
  await expect(page.getByTestId('change-sections')).toContainText('Telesales applications (channel closed June 2025) (channel-telesales)')

  // The Regressions table lists the rows in the order of the CLI's Markdown (one ordering function in core).
  // (vouch diff exits 1: the diff is Blocked.)
  const md = spawnSync(process.execPath, [join(ROOT, 'out', 'cli', 'vouch.js'), 'diff', samplePath(SAMPLE_OLD), samplePath(SAMPLE_NEW), '--markdown'], { encoding: 'utf8' }).stdout
  const section = md.slice(md.indexOf('### Regressions'), md.indexOf('### Headline metrics'))
  const cliRows = section
    .split('\n')
    .filter((l) => /^\| (critical|major|minor) \|/.test(l))
    .map((l) => {
      const [, slice, metric] = l.split(' | ')
      return `${(metric ?? '').replace(/\\_/g, '_')} · ${slice ?? ''}`
    })
  expect(cliRows.length).toBeGreaterThan(5)
  const appRows = await page.getByRole('table', { name: 'Regressions' }).locator('.vrow .clabel').evaluateAll((els) => els.map((e) => (e as unknown as { title: string }).title))
  // The app names a slice "Name (id)"; the Markdown by its id.
  expect(appRows.map((r) => r.replace(/ · .*\((.+)\)$/, ' · $1'))).toEqual(cliRows)
  await clearNotices(page)
  await snap(page, 'compare', { width: 1024 })
  await page.getByTestId('slice-delta-chart').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await snap(page, 'compare-chart')

  // "Only regressions" filters the tables, the chart and the change cards.
  const barsBefore = Number(await page.getByTestId('slice-delta-chart').getAttribute('data-bars'))
  await page.getByTestId('filter-regressions').check()
  await expect(slices).not.toContainText('Unchanged')
  await expect(slices.locator('.vrow').first()).toContainText('Regression')
  await expect(page.getByTestId('slice-delta-chart')).not.toHaveAttribute('data-bars', String(barsBefore))
  expect(Number(await page.getByTestId('slice-delta-chart').getAttribute('data-bars'))).toBeLessThan(barsBefore)
  await expect(page.getByTestId('change-sections')).toHaveAttribute('data-only-regressions', 'true')
  await expect(page.getByTestId('failure-changes')).not.toContainText('Resolved')
  await expect(page.getByTestId('failure-changes')).toContainText('New failure mode')
})

test('"compare with previous release" names the release it chose, puts it in the form, and lets the user change it', async ({ vouch }) => {
  const page = vouch.page
  await page.getByRole('region', { name: 'Sample packs' }).getByRole('button', { name: /credit-default-1\.1\.0/ }).click()
  await expect(page.getByTestId('pack-status')).toHaveAttribute('data-status', 'verified', { timeout: 30_000 })
  await page.getByTestId('nav-compare').click()
  await expect(page.getByTestId('compare-previous')).toHaveText('Compare credit-default-1.1.0 with its previous release, credit-default-risk 1.0.0')
  await page.getByTestId('compare-previous').click()
  await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('chosen-baseline')).toContainText(samplePath(SAMPLE_OLD))
  await expect(page.getByLabel('Older release (baseline)', { exact: true })).toHaveValue(samplePath(SAMPLE_OLD))
  await expect(page.getByTestId('side-old')).toContainText('1.0.0')
  await expect(page.getByTestId('side-new')).toContainText('1.1.0')
  // Changed in the form: the same pack against itself is a comparison with nothing to report.
  await page.getByLabel('Older release (baseline)', { exact: true }).fill(samplePath(SAMPLE_NEW))
  await page.getByTestId('compare-submit').click()
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-level', 'acceptable', { timeout: 30_000 })
  await expect(page.getByTestId('chosen-baseline')).toHaveCount(0)
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
