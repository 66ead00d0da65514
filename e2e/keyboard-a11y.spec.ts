import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, expectStatus, samplePath, SAMPLE_NEW, SAMPLE_OLD, test, type PageElement, type PageWindow } from './fixtures'

/** Presses Tab until the focused element matches, failing after `max` presses. */
async function tabTo(page: Page, test: (el: PageElement) => boolean, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(`(${test.toString()})(document.activeElement)`)) return
  }
  throw new Error('focus never reached the target by Tab')
}

async function focusRingVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageWindow
    const el = w.document.activeElement
    if (el === null) return false
    const s = w.getComputedStyle(el)
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
  })
}

test('the main flow by keyboard alone, with a visible focus ring', async ({ vouch }) => {
  const page = vouch.page
  await tabTo(page, (el) => el.id === 'pack-path')
  expect(await focusRingVisible(page)).toBe(true)
  await page.keyboard.type(samplePath(SAMPLE_NEW))
  await page.keyboard.press('Enter')
  await expectStatus(page, 'verified')
  // Sections: reach "Evaluation" by Tab and open it with Enter.
  await tabTo(page, (el) => el.getAttribute('data-testid') === 'section-evaluation')
  expect(await focusRingVisible(page)).toBe(true)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('metrics-table')).toBeVisible()
  // Sort slices by a column with the keyboard.
  await tabTo(page, (el) => el.classList.contains('sort'))
  await page.keyboard.press('Enter')
  await expect(page.locator('th[aria-sort="ascending"]')).toHaveCount(1)
  // The Files list scrolls by keyboard.
  await page.getByTestId('section-files').focus()
  await page.keyboard.press('Enter')
  await tabTo(page, (el) => el.classList.contains('vscroll'))
  expect(await focusRingVisible(page)).toBe(true)
  // Compare from the top bar.
  await page.getByTestId('nav-compare').focus()
  await page.keyboard.press('Enter')
  await tabTo(page, (el) => el.id === 'old-pack')
  await page.keyboard.type(samplePath(SAMPLE_OLD))
  await tabTo(page, (el) => el.id === 'new-pack')
  await page.keyboard.type(samplePath(SAMPLE_NEW))
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 30_000 })
  // Ctrl+O: Electron's menu opens the native dialog; in a browser it leads to the typed-path field.
  if (vouch.kind === 'serve') {
    await page.keyboard.press('Control+o')
    await expect(page.locator('#pack-path')).toBeFocused()
  }
})

async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${screen}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([])
}

test('axe-core: no serious or critical violation on the main screens, light and dark', async ({ vouch }) => {
  test.setTimeout(300_000)
  const page = vouch.page
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.getByTestId('nav-welcome').click()
    await expectNoSeriousViolations(page, `welcome/${scheme}`)
    await page.getByRole('region', { name: 'Sample packs' }).getByRole('button', { name: /credit-default-1\.1\.0/ }).click()
    await expectStatus(page, 'verified')
    // Every section in light; in dark (same markup, other colours) the ones with the most colour.
    const sections = scheme === 'light' ? ['overview', 'evaluation', 'risks', 'monitoring', 'policy', 'traceability', 'files', 'findings', 'signoff'] : ['evaluation', 'traceability', 'files']
    for (const section of sections) {
      await page.getByTestId(`section-${section}`).click()
      await expect(page.getByTestId(`section-body-${section}`)).toBeVisible()
      await expectNoSeriousViolations(page, `${section}/${scheme}`)
    }
    await page.getByTestId('nav-compare').click()
    await page.getByLabel('Older release (baseline)', { exact: true }).fill(samplePath(SAMPLE_OLD))
    await page.getByLabel('Newer release (candidate)', { exact: true }).fill(samplePath(SAMPLE_NEW))
    await page.getByTestId('compare-submit').click()
    await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 30_000 })
    await expectNoSeriousViolations(page, `compare/${scheme}`)
    await page.getByTestId('nav-keys').click()
    await expect(page.getByRole('heading', { name: 'Keys and trust' })).toBeVisible()
    await expectNoSeriousViolations(page, `keys/${scheme}`)
  }
})
