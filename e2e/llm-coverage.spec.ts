/**
 * The LLM sample pair opens from the Welcome screen beside the credit pair; its evaluation view shows
 * the per-item metrics, and the Risks section's coverage map names the risk 1.1.0 left unwatched.
 */
import { expect, expectStatus, samplePath, snap, test } from './fixtures'

const LLM_OLD = 'support-ticket-assistant-1.0.0'
const LLM_NEW = 'support-ticket-assistant-1.1.0'

test('the LLM samples open from Welcome; the coverage map shows which signal watches each risk and who acts', async ({ vouch }) => {
  const page = vouch.page
  const samples = page.getByRole('region', { name: 'Sample packs' })
  for (const name of [LLM_OLD, LLM_NEW]) {
    await page.getByTestId('nav-welcome').click()
    await samples.getByRole('button', { name: new RegExp(name.replace(/\./g, '\\.')) }).click()
    await expectStatus(page, 'verified')
    await expect(page.getByTestId('pack-name')).toContainText('support-ticket-assistant')
  }
  await page.getByTestId('section-evaluation').click()
  await expect(page.getByTestId('metrics-table')).toContainText('pass_rate')
  await snap(page, 'pack-evaluation-llm', { fullPage: true })

  await page.getByTestId('section-risks').click()
  const map = page.getByTestId('coverage-map')
  await expect(map).toBeVisible()
  await expect(page.getByTestId('coverage-summary')).toContainText('5 of 6')
  await expect(page.getByTestId('coverage-summary')).toContainText('Not watched: R-03.')
  // The unwatched risk comes first and says why; a watched one names its signal and its owner.
  const rows = map.locator('tbody tr')
  await expect(rows.first()).toHaveAttribute('data-testid', 'coverage-R-03')
  await expect(rows.first()).toContainText('not watched')
  await expect(rows.first()).toContainText('names no monitoring signal')
  await expect(rows.nth(1)).toContainText('✓ watched')
  await expect(rows.nth(1)).toContainText(/MON-\d+/)
  await snap(page, 'coverage-map', { fullPage: true })
})

test('comparing the LLM pair is Blocked, and shows the coverage 1.1.0 lost', async ({ vouch }) => {
  const page = vouch.page
  await page.getByTestId('nav-compare').click()
  await page.getByLabel('Older release (baseline)', { exact: true }).fill(samplePath(LLM_OLD))
  await page.getByLabel('Newer release (candidate)', { exact: true }).fill(samplePath(LLM_NEW))
  await page.getByTestId('compare-submit').click()
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-level', 'blocked', { timeout: 30_000 })
  const coverage = page.getByTestId('coverage-changes')
  await expect(coverage).toContainText('old 6 of 6 watched, new 5 of 6 watched')
  await expect(coverage.getByTestId('coverage-change-R-03')).toContainText('Coverage lost')
  await coverage.evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await snap(page, 'compare-coverage')
})
