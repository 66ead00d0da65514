import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { copySample, expect, expectStatus, openByPath, SAMPLE_OLD, snap, test } from './fixtures'

const N = 50_000

test('50,000 files: the Files list keeps a few dozen rows in the page and reaches the last file', async ({ vouch, tmp }) => {
  test.setTimeout(180_000)
  const page = vouch.page
  const dir = await copySample(SAMPLE_OLD, tmp)
  const many = join(dir, 'data', 'many')
  await mkdir(many)
  for (let start = 0; start < N; start += 1000) {
    const batch: Promise<void>[] = []
    for (let i = start; i < start + 1000; i++) batch.push(writeFile(join(many, `f${String(i).padStart(5, '0')}.txt`), `${i}\n`))
    await Promise.all(batch)
  }
  await openByPath(page, dir)
  // Files outside the manifest: the pack fails, and every one of them is listed.
  // Hashing 50,000 files (then assessing them) on a loaded 2-core machine can take more than half a minute.
  await expectStatus(page, 'failed', 120_000)
  await page.getByTestId('section-files').click()
  await expect(page.getByTestId('files-count')).toContainText(/50,0\d\d of 50,0\d\d files/)
  const table = page.getByRole('table', { name: 'Files' })
  expect(await table.locator('.vrow').count()).toBeLessThan(60)
  await table.locator('.vscroll').evaluate((el) => (el.scrollTop = el.scrollHeight))
  await expect(table).toContainText('data/many/f49999.txt')
  expect(await table.locator('.vrow').count()).toBeLessThan(60)
  await snap(page, 'pack-files-50k')
  // 50,000 findings too: grouped by code, a page at a time.
  await page.getByTestId('section-findings').click()
  await expect(page.getByTestId('findings')).toContainText(/× 50,0\d\d/)
  expect(await page.locator('.finding').count()).toBeLessThanOrEqual(200)
})
