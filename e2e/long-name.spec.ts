/**
 * Whatever `vouch build` accepts, the app handles (issue #10): the longest name build allows, with
 * no space to break at, stays inside the pack header and the window (no horizontal scrolling).
 */
import { execFileSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { copySample, expect, expectStatus, openByPath, ROOT, SAMPLE_NEW, test, type PageElement, type PageWindow } from './fixtures'

test('the longest valid name wraps inside the header', async ({ vouch, tmp }) => {
  const page = vouch.page
  const dir = await copySample(SAMPLE_NEW, tmp)
  const name = 'W'.repeat(100)
  const pj = JSON.parse(await readFile(join(dir, 'data', 'pack.json'), 'utf8')) as { name: string }
  pj.name = name
  await writeFile(join(dir, 'data', 'pack.json'), `${JSON.stringify(pj, null, 2)}\n`)
  execFileSync(process.execPath, [join(ROOT, 'out', 'cli', 'vouch.js'), 'build', dir])
  await openByPath(page, dir)
  await expectStatus(page, 'verified')
  const title = page.getByTestId('pack-name')
  await expect(title).toContainText(name)
  const fits = await title.evaluate((el: PageElement & { scrollWidth: number; clientWidth: number }) => el.scrollWidth <= el.clientWidth + 1)
  expect(fits).toBe(true)
  const pageFits = await page.evaluate(() => {
    const d = (globalThis as unknown as PageWindow).document
    const main = d.getElementById('main')
    return d.documentElement.scrollWidth <= d.documentElement.clientWidth + 1 && main !== null && main.scrollWidth <= main.clientWidth + 1
  })
  expect(pageFits).toBe(true)
})
