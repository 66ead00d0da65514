import type { Page } from '@playwright/test'
import { expect, expectStatus, samplePath, SAMPLE_NEW, SAMPLE_OLD, snap, test, type PageWindow } from './fixtures'

/** The page itself never scrolls sideways (wide tables scroll inside their own region). */
async function expectNoPageOverflow(page: Page, where: string): Promise<void> {
  const over = await page.evaluate(() => {
    const d = (globalThis as unknown as PageWindow).document
    // The window, and the content area that scrolls inside it.
    const main = d.getElementById('main')
    return Math.max(d.documentElement.scrollWidth - d.documentElement.clientWidth, main === null ? 0 : main.scrollWidth - main.clientWidth)
  })
  expect(over, `${where}: page wider than the window by ${over}px`).toBeLessThanOrEqual(1)
}

test('readable at 200% zoom (1280x800 at 2x = 640x400 CSS pixels)', async ({ vouch }) => {
  const page = vouch.page
  await page.setViewportSize({ width: 640, height: 400 })
  await expectNoPageOverflow(page, 'welcome')
  await page.getByRole('region', { name: 'Sample packs' }).getByRole('button', { name: /credit-default-1\.1\.0/ }).click()
  await expectStatus(page, 'verified')
  await expect(page.getByTestId('pack-status')).toBeInViewport()
  await expectNoPageOverflow(page, 'overview')
  await snap(page, 'zoom-200-overview')
  for (const section of ['evaluation', 'risks', 'monitoring', 'policy', 'traceability', 'files', 'findings', 'signoff']) {
    await page.getByTestId(`section-${section}`).click()
    await expectNoPageOverflow(page, section)
  }
  await page.getByTestId('nav-compare').click()
  await page.getByLabel('Older release (baseline)', { exact: true }).fill(samplePath(SAMPLE_OLD))
  await page.getByLabel('Newer release (candidate)', { exact: true }).fill(samplePath(SAMPLE_NEW))
  await page.getByTestId('compare-submit').click()
  await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 30_000 })
  await expectNoPageOverflow(page, 'compare')
  await page.getByTestId('nav-keys').click()
  await expectNoPageOverflow(page, 'keys')
})
