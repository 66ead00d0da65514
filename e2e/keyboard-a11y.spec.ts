import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, expectStatus, openByPath, samplePath, SAMPLE_NEW, SAMPLE_OLD, test, type PageElement, type PageWindow } from './fixtures'

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
  // Sections: one Tab stop (the current section), the arrow keys move between them, Enter opens one.
  await tabTo(page, (el) => el.getAttribute('data-testid') === 'section-overview')
  expect(await focusRingVisible(page)).toBe(true)
  await page.keyboard.press('ArrowDown')
  await expect(page.getByTestId('section-evaluation')).toBeFocused()
  await page.keyboard.press('End')
  await expect(page.getByTestId('section-signoff')).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByTestId('section-overview')).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('metrics-table')).toBeVisible()
  await expect(page.getByTestId('section-evaluation')).toHaveAttribute('tabindex', '0')
  await expect(page.getByTestId('section-overview')).toHaveAttribute('tabindex', '-1')
  // Sort slices by a column with the keyboard.
  await tabTo(page, (el) => el.classList.contains('sort'))
  await page.keyboard.press('Enter')
  await expect(page.locator('th[aria-sort="ascending"]')).toHaveCount(1)
  // The Files list scrolls by keyboard; a hash shows in full on focus.
  await page.getByTestId('section-evaluation').focus()
  await page.keyboard.press('End')
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('Enter')
  await tabTo(page, (el) => el.classList.contains('vscroll'))
  expect(await focusRingVisible(page)).toBe(true)
  await tabTo(page, (el) => el.getAttribute('data-testid') === 'file-hash')
  await expect(page.getByTestId('file-hash-full').first()).toBeVisible()
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

test('axe-core: no serious or critical violation on the main screens, light and dark, at 1280 and 1024 px', async ({ vouch, tmp }) => {
  test.setTimeout(300_000)
  const page = vouch.page
  await mkdir(join(tmp, 'empty'))
  // Every screen once, at 1280 in light; the screens with the most colour and layout in each other combination.
  const combos = [
    { width: 1280, scheme: 'light', sections: ['overview', 'evaluation', 'risks', 'monitoring', 'policy', 'traceability', 'files', 'findings', 'signoff'] },
    { width: 1280, scheme: 'dark', sections: ['overview', 'evaluation', 'files'] },
    { width: 1024, scheme: 'light', sections: ['overview', 'evaluation', 'signoff'] },
    { width: 1024, scheme: 'dark', sections: ['overview', 'traceability', 'signoff'] }
  ] as const
  for (const { width, scheme, sections } of combos) {
    const at = `${width}/${scheme}`
    await page.setViewportSize({ width, height: 800 })
    await page.emulateMedia({ colorScheme: scheme })
    // Welcome, with the folder browser open and a "not a pack" answer on screen.
    await openByPath(page, join(tmp, 'empty'))
    await expect(page.getByTestId('not-a-pack')).toBeVisible()
    await page.getByTestId('browse-folders').click()
    await expect(page.getByTestId('folder-browser').locator('.browse-entry').first()).toBeVisible()
    await expectNoSeriousViolations(page, `welcome/${at}`)
    await page.getByRole('region', { name: 'Sample packs' }).getByRole('button', { name: /credit-default-1\.1\.0/ }).click()
    await expectStatus(page, 'verified')
    for (const section of sections) {
      await page.getByTestId(`section-${section}`).click()
      await expect(page.getByTestId(`section-body-${section}`)).toBeVisible()
      if (section === 'overview') await expect(page.getByTestId('glance')).toBeVisible()
      await expectNoSeriousViolations(page, `${section}/${at}`)
    }
    await page.getByTestId('nav-compare').click()
    await page.getByLabel('Older release (baseline)', { exact: true }).fill(samplePath(SAMPLE_OLD))
    await page.getByLabel('Newer release (candidate)', { exact: true }).fill(samplePath(SAMPLE_NEW))
    await page.getByTestId('compare-submit').click()
    await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 30_000 })
    await expectNoSeriousViolations(page, `compare/${at}`)
    await page.getByTestId('nav-keys').click()
    await expect(page.getByRole('heading', { name: 'Keys and trust' })).toBeVisible()
    await expectNoSeriousViolations(page, `keys/${at}`)
  }
})

test('the theme: system by default, light or dark by choice, kept in the profile across a restart', async ({ vouch }) => {
  let page = vouch.page
  await page.emulateMedia({ colorScheme: 'light' })
  // (e2e is typechecked without the DOM lib: the page-side callback is a string.)
  const background = (): Promise<string> => page.evaluate('getComputedStyle(document.body).backgroundColor')
  const light = await background()
  await page.getByTestId('theme').selectOption('dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  expect(await background()).not.toBe(light)
  page = await vouch.restart()
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page.getByTestId('theme')).toHaveValue('dark')
  await page.getByTestId('theme').selectOption('system')
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./)
  expect(await background()).toBe(light)
})
