import { mkdir, open } from 'node:fs/promises'
import { join } from 'node:path'
import { copySample, expect, expectStatus, openByPath, SAMPLE_OLD, snap, test } from './fixtures'

test('a long verification shows files and bytes done and can be cancelled (Incomplete)', async ({ vouch, tmp }) => {
  const page = vouch.page
  // A pack with a 3 GiB sparse file: no disk used, but every byte must still be read and hashed.
  const dir = await copySample(SAMPLE_OLD, tmp)
  await mkdir(join(dir, 'data', 'extra'), { recursive: true })
  const fh = await open(join(dir, 'data', 'extra', 'big.bin'), 'w')
  await fh.truncate(3 * 1024 ** 3)
  await fh.close()

  await openByPath(page, dir)
  const panel = page.getByTestId('verifying')
  await expect(panel).toBeVisible()
  await expect(page.getByTestId('progress-detail')).toContainText(/of \d+ files · .* of 3\.0 GB/)
  await snap(page, 'verifying')
  await page.getByTestId('cancel-verify').click()
  await expectStatus(page, 'incomplete')
  // Either the host's partial report or no report at all: both say so in words.
  await expect(page.getByTestId('incomplete-banner').or(page.getByTestId('cancelled'))).toContainText('cancelled')
})
