import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { copySample, expect, expectStatus, openByPath, SAMPLE_NEW, SAMPLE_OLD, test, type PageWindow } from './fixtures'
import type { Page } from '@playwright/test'

test('recent packs keep their last verdict across a restart, in the profile folder; one can be removed, all cleared', async ({ vouch, tmp }) => {
  const dir = await copySample(SAMPLE_OLD, tmp)
  const other = join(tmp, 'other')
  await mkdir(other)
  await copySample(SAMPLE_NEW, other)
  await openByPath(vouch.page, dir)
  await expectStatus(vouch.page, 'verified')
  await openByPath(vouch.page, join(other, SAMPLE_NEW))
  await expectStatus(vouch.page, 'verified')
  // `vouch serve --profile`: the list is in the test's own folder, never the user's.
  const saved = JSON.parse(await readFile(join(vouch.userDataDir, 'recent.json'), 'utf8')) as { path: string; verdict: { status: string } }[]
  expect(saved.map((r) => [r.path, r.verdict.status])).toEqual([
    [join(other, SAMPLE_NEW), 'verified'],
    [dir, 'verified']
  ])
  const page = await vouch.restart()
  const recent = page.getByTestId('recent-list')
  await expect(recent).toContainText(dir)
  await expect(recent.getByTestId('recent-verdict').first()).toContainText(/Verified\s*today \d\d:\d\d/)
  await page.getByRole('button', { name: 'Remove credit-default-risk 1.1.0 from recent packs' }).click()
  await expect(recent).not.toContainText(other)
  await expect(recent).toContainText(dir)
  await recent.getByRole('button', { name: /credit-default/ }).first().click()
  await expectStatus(page, 'verified')
  await page.getByTestId('nav-welcome').click()
  await page.getByTestId('recent-clear').click()
  await expect(page.getByTestId('recent-list')).toHaveCount(0)
  expect(JSON.parse(await readFile(join(vouch.userDataDir, 'recent.json'), 'utf8'))).toEqual([])
})

test('a pack given on the command line opens at start', async ({ vouch, tmp }) => {
  const dir = await copySample(SAMPLE_OLD, tmp)
  const page = await vouch.restart({ pack: dir })
  await expectStatus(page, 'verified')
  await expect(page.getByTestId('pack-name')).toContainText('credit-default')
})

/** Drops a file with the given name and bytes on the Welcome screen, as a browser would. */
async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ name, b64 }) => {
      const bin = atob(b64)
      const arr = new Uint8Array(bin.length)
      for (let i = 0; i < bin.length; i++) arr[i] = bin.charCodeAt(i)
      const dt = new (globalThis as unknown as PageWindow).DataTransfer()
      dt.items.add(new File([arr], name))
      return dt
    },
    { name, b64: bytes.toString('base64') }
  )
  const zone = page.getByTestId('dropzone')
  await zone.dispatchEvent('dragenter', { dataTransfer: transfer })
  await zone.dispatchEvent('dragover', { dataTransfer: transfer })
  await zone.dispatchEvent('drop', { dataTransfer: transfer })
}

test('drag and drop: a dropped archive opens; a dropped non-pack says why in words', async ({ vouch, tmp }) => {
  const page = vouch.page
  // Make an archive of a sample with the CLI, then drop its bytes as a browser File.
  const dir = await copySample(SAMPLE_OLD, tmp)
  const zip = join(tmp, `${SAMPLE_OLD}.zip`)
  const { execFileSync } = await import('node:child_process')
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'out', 'cli', 'vouch.js'), 'pack', dir, '-o', zip], { stdio: 'pipe' })
  await dropFile(page, `${SAMPLE_OLD}.zip`, await readFile(zip))
  await expectStatus(page, 'verified')
  await expect(page.getByTestId('pack-name')).toContainText('credit-default')

  await page.getByTestId('nav-welcome').click()
  const notes = join(tmp, 'notes.txt')
  await writeFile(notes, 'not a pack\n')
  await dropFile(page, 'notes.txt', await readFile(notes))
  await expect(page.getByTestId('not-a-pack')).toContainText('This is not an Assurance Pack (not a folder, zip, tar or tar.gz, checked by its content)')
  await expect(page.getByTestId('not-a-pack')).toContainText('notes.txt')
  await expect(page.getByLabel('Folder or archive path')).toBeVisible()
})
