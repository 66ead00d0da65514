/**
 * Curves (docs/curves.md) and the Recomputed column (docs/recompute.md) in the app: the Evaluation
 * view of sample 1.1.0 and the Compare view of 1.0.0 against 1.1.0, charts found by their text
 * alternatives, points on demand, axe-clean in light and dark. One browser session for all of it.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, expectStatus, samplePath, SAMPLE_NEW, SAMPLE_OLD, snap, test } from './fixtures'

async function axeClean(page: Page, where: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(bad.map((v) => `${where}/${colorScheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([])
  }
  await page.emulateMedia({ colorScheme: null })
}

test('Evaluation and Compare draw the curves with their text alternatives; the tables say what reproduced', async ({ vouch }) => {
  test.setTimeout(180_000)
  const page = vouch.page
  await page.getByRole('region', { name: 'Sample packs' }).getByRole('button', { name: /credit-default-1\.1\.0/ }).click()
  await expectStatus(page, 'verified')

  // The landing view says how many claims the shipped predictions reproduce: once, in the glance card.
  await expect(page.getByTestId('glance-reproducibility')).toHaveAttribute('data-tone', 'ok')
  await expect(page.getByTestId('glance-reproducibility')).toContainText('9 of 9 headline metrics and 135 of 135 slice metrics reproduced from 30,000 predictions')
  await expect(page.getByText('9 of 9 headline metrics and 135 of 135 slice metrics reproduced', { exact: false })).toHaveCount(1)

  await page.getByTestId('section-evaluation').click()
  const metrics = page.getByTestId('metrics-table')
  await expect(metrics.getByRole('row', { name: /ROC AUC auc/ }).locator('[data-recomputed]')).toHaveAttribute('data-recomputed', 'reproduced')
  const oot = metrics.getByRole('row', { name: /auc_oot/ }).locator('[data-recomputed]')
  await expect(oot).toHaveAttribute('data-recomputed', 'not-recomputable')
  await expect(oot).toContainText('n/a')
  await expect(oot).toContainText('ships no predictions for dataset applications-2025q1-oot')
  await expect(page.getByTestId('slices-table').locator('[data-recomputed="reproduced"]')).toHaveCount(27)

  const curves = page.getByTestId('evaluation-curves')
  await expect(curves.getByRole('img', { name: /^ROC curve, AUC 0\.7958 \(claimed 0\.7958\); 1,803 positives, 28,197 negatives$/ })).toBeVisible({ timeout: 30_000 })
  await expect(curves.getByRole('img', { name: /^Reliability diagram, 10 equal-count bins of 3,000 rows, ECE 0\.0068 \(claimed 0\.0068\)$/ })).toBeVisible()
  await expect(curves.getByRole('img', { name: /^Score distribution by class, 28,197 rows with default_12m ≠ 1 and 1,803 with default_12m = 1, KS 0\.4479 \(claimed 0\.4479\)/ })).toBeVisible()

  // Critical slices first; picking one redraws every chart on its rows.
  const picker = page.getByTestId('slice-picker')
  await expect(picker.locator('optgroup').first()).toHaveAttribute('label', 'Critical slices')
  await picker.selectOption('age-18-24-thin-file')
  await expect(curves.getByRole('img', { name: /^ROC curve, AUC 0\.7171 \(claimed 0\.7171\)/ })).toBeVisible()
  await expect(curves.getByRole('img', { name: /^Score distribution by class, .*KS 0\.3135 \(claimed 0\.3135\)/ })).toBeVisible()

  // The points on demand, as a table.
  const roc = page.getByTestId('figure-roc')
  await roc.getByRole('button', { name: /Show the points/ }).click()
  const points = roc.getByRole('region', { name: 'Points of the ROC curve' })
  await expect(points.getByRole('columnheader', { name: 'False positive rate' })).toBeVisible()
  expect(await points.getByRole('row').count()).toBeGreaterThan(100)
  await roc.getByRole('button', { name: 'Hide the points' }).click()
  await expect(points).toHaveCount(0)
  // axe with a points table open: the reliability diagram's ten bins (axe takes minutes over 1,459 rows).
  const reliability = page.getByTestId('figure-reliability')
  await reliability.getByRole('button', { name: /Show the points/ }).click()
  await expect(reliability.getByRole('region', { name: 'Points of the Reliability diagram' }).getByRole('row')).toHaveCount(11)
  await axeClean(page, 'evaluation')
  await reliability.getByRole('button', { name: 'Hide the points' }).click()
  await picker.selectOption('')
  await expect(curves.getByRole('img', { name: /^ROC curve, AUC 0\.7958/ })).toBeVisible()
  await page.getByRole('heading', { name: 'Curves' }).evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await snap(page, 'evaluation-curves')

  // Compare: both releases overlaid, binned alike; a critical regression seen, not only read.
  await page.getByTestId('nav-compare').click()
  await page.getByLabel('Older release (baseline)', { exact: true }).fill(samplePath(SAMPLE_OLD))
  await page.getByLabel('Newer release (candidate)', { exact: true }).fill(samplePath(SAMPLE_NEW))
  await page.getByTestId('compare-submit').click()
  const overlay = page.getByTestId('compare-curves')
  await expect(overlay.getByRole('img', { name: /^ROC curve: 1\.1\.0 \(solid\) AUC 0\.7958 \(claimed 0\.7958\).*; 1\.0\.0 \(dashed\) AUC 0\.7704 \(claimed 0\.7704\)/ })).toBeVisible({ timeout: 30_000 })
  await expect(overlay.getByRole('img', { name: /^Reliability diagram: 1\.1\.0 \(solid\) .*ECE 0\.0068.*; 1\.0\.0 \(dashed\) .*ECE 0\.0144/ })).toBeVisible()
  await expect(overlay.getByRole('img', { name: /^Score distribution by class: 1\.1\.0 \(solid\) .*KS 0\.4479.*; 1\.0\.0 \(dashed\) .*KS 0\.4075/ })).toBeVisible()
  const cmpPicker = page.locator('#compare-curves-slice')
  await expect(cmpPicker.locator('option', { hasText: 'Thin-file applicants aged 18-24 (regressed)' })).toHaveCount(1)
  await cmpPicker.selectOption('age-18-24-thin-file')
  await expect(overlay.getByRole('img', { name: /^ROC curve: 1\.1\.0 \(solid\) AUC 0\.7171 .*; 1\.0\.0 \(dashed\) AUC 0\.7\d{3}/ })).toBeVisible()
  await expect(overlay.locator('.series.release-old')).not.toHaveCount(0)
  await axeClean(page, 'compare')
  await page.getByRole('heading', { name: /^Curves, 1\.0\.0 against 1\.1\.0/ }).evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await snap(page, 'compare-curves')
})
