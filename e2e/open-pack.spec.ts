import { spawnSync } from 'node:child_process'
import { mkdir, writeFile, open } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { buildZip } from '../src/core/io/testing/raw-zip'
import { copySample, expect, expectStatus, largestFile, openByPath, ROOT, samplePath, SAMPLE_NEW, SAMPLE_OLD, snap, test } from './fixtures'

test('each embedded sample opens from the Welcome screen and is Verified', async ({ vouch }) => {
  const page = vouch.page
  await snap(page, 'welcome')
  for (const name of [SAMPLE_OLD, SAMPLE_NEW]) {
    await page.getByTestId('nav-welcome').click()
    await page.getByRole('region', { name: 'Sample packs' }).getByRole('button', { name: new RegExp(name.replace(/\./g, '\\.')) }).click()
    await expectStatus(page, 'verified')
    await expect(page.getByTestId('pack-name')).toContainText('credit-default')
    await expect(page.getByTestId('pack-digest')).toHaveText(/^[0-9a-f]{64}$/)
  }
  await expect(page.getByTestId('glance')).toBeVisible()
  await snap(page, 'pack-overview')
  await snap(page, 'pack-glance', { width: 1024, fullPage: true })
  await page.getByTestId('section-evaluation').click()
  await expect(page.getByTestId('metrics-table')).toBeVisible()
  await snap(page, 'pack-evaluation', { fullPage: true })
  await page.getByTestId('section-traceability').click()
  await snap(page, 'pack-traceability')
  await page.getByTestId('section-files').click()
  await snap(page, 'pack-files')
})

test('a tampered copy is Failed and the findings name the file', async ({ vouch, tmp }) => {
  const page = vouch.page
  const dir = await copySample(SAMPLE_NEW, tmp)
  // Flip one byte in the middle of the largest payload file.
  const victim = await largestFile(join(dir, 'data'))
  const fh = await open(victim.path, 'r+')
  const buf = Buffer.alloc(1)
  const at = Math.floor(victim.size / 2)
  await fh.read(buf, 0, 1, at)
  buf[0] = (buf[0] ?? 0) ^ 0xff
  await fh.write(buf, 0, 1, at)
  await fh.close()
  const packPath = relative(dir, victim.path).split('\\').join('/')

  await openByPath(page, dir)
  await expectStatus(page, 'failed')
  await expect(page.getByTestId('verdict-facets')).toContainText(/Failed · \d+ error/)
  // The landing view names the failing file, in plain words.
  await expect(page.getByTestId('failing-files')).toContainText(packPath)
  await expect(page.getByTestId('failing-files')).toContainText('changed since the pack was built')
  await snap(page, 'pack-failed-landing')
  // Every evidence view warns that it must not be relied on; its pass badges are not green.
  await page.getByTestId('section-evaluation').click()
  await expect(page.getByTestId('failed-banner')).toBeVisible()
  await expect(page.getByTestId('metrics-table').getByText('Pass (unverified)').first()).toBeVisible()
  await expect(page.getByTestId('metrics-table').locator('.pill.ok')).toHaveCount(0)
  await page.getByTestId('section-findings').click()
  await expect(page.getByTestId('findings')).toContainText(packPath)
  await snap(page, 'pack-failed-findings')
  await page.getByTestId('section-files').click()
  await page.getByLabel('Only problems').check()
  await expect(page.getByRole('table', { name: 'Files' })).toContainText(packPath)
  await expect(page.getByRole('table', { name: 'Files' })).toContainText('Hash mismatch')
  // Its PDF is no plain success: the message says what the PDF records, and stays until dismissed.
  if (vouch.kind === 'electron') {
    await vouch.answerSaveDialog(join(tmp, 'failed.pdf'))
    await page.getByTestId('export-pdf').click()
  } else {
    const download = page.waitForEvent('download')
    await page.getByTestId('export-pdf').click()
    await download
  }
  const warn = page.getByTestId('notice-warning').filter({ hasText: 'PDF attestation exported' })
  await expect(warn).toContainText('it records Failed')
  await expect(page.getByTestId('notice-info').filter({ hasText: 'PDF attestation exported' })).toHaveCount(0)
})

test('not an Assurance Pack is said as such, with nothing else on offer, and never enters Recent; the app keeps working', async ({ vouch, tmp }) => {
  const page = vouch.page
  // A file named .zip that is not one, an empty folder, and a real zip of other files.
  const bogus = join(tmp, 'x.zip')
  await writeFile(bogus, 'this is a text file, not a zip archive\n')
  await mkdir(join(tmp, 'empty'))
  const files = join(tmp, 'files.zip')
  await writeFile(files, buildZip([{ name: 'notes/a.txt', data: Buffer.from('a') }]))
  for (const [path, reason] of [
    [bogus, 'not a valid zip, checked by its content'],
    [join(tmp, 'empty'), 'no bagit.txt'],
    [files, 'no bagit.txt']
  ] as const) {
    await openByPath(page, path)
    const msg = page.getByTestId('not-a-pack')
    await expect(msg).toContainText(`This is not an Assurance Pack (${reason})`)
    await expect(msg).toContainText(path)
    // Nothing else: no pack view, no sign-off, no PDF, no error notice, not remembered.
    await expect(page.getByTestId('nav-pack')).toBeDisabled()
    await expect(page.getByTestId('export-pdf')).toHaveCount(0)
    await expect(page.getByTestId('notice-error')).toHaveCount(0)
    await expect(page.getByTestId('recent-list')).toHaveCount(0)
    if (path === join(tmp, 'empty')) await snap(page, 'not-a-pack', { width: 1024 })
  }
  // The CLI says the same words.
  const cli = spawnSync(process.execPath, [join(ROOT, 'out', 'cli', 'vouch.js'), 'verify', join(tmp, 'empty')], { encoding: 'utf8' })
  expect([cli.status, cli.stderr]).toEqual([3, `vouch verify: ${join(tmp, 'empty')} is not an Assurance Pack (no bagit.txt). [not-a-pack]\n`])
  // The rest keeps working: a typed path to a good pack still opens.
  const good = await copySample(SAMPLE_OLD, tmp)
  await openByPath(page, good)
  await expectStatus(page, 'verified')
})

test('a path that does not exist is refused in words, the code in small print, never a stack trace', async ({ vouch, tmp }) => {
  const page = vouch.page
  await openByPath(page, join(tmp, 'no-such-pack'))
  const err = page.getByTestId('notice-error')
  await expect(err).toContainText('Nothing is there: check the path.')
  await expect(err).toContainText('no-such-pack')
  await expect(err.locator('.error-code code')).toHaveText('not-found')
  await expect(err).not.toContainText(/\bat .+:\d+:\d+/)
  await snap(page, 'error-unreadable')
  await expect(page.getByLabel('Folder or archive path')).toBeVisible()
})

test('a relative path opens from where vouch serve was started; a pack is picked in the folder browser without typing its path', async ({ vouch, tmp }) => {
  const page = vouch.page
  // vouch serve runs in the repository (fixtures): a path relative to it resolves there.
  await openByPath(page, join('resources', 'samples', SAMPLE_OLD))
  await expectStatus(page, 'verified')
  await expect(page.locator('.pack-location')).toContainText(samplePath(SAMPLE_OLD))
  // The folder browser: go to the temp folder, into a sub-folder, pick the pack there.
  await mkdir(join(tmp, 'releases'))
  await copySample(SAMPLE_NEW, join(tmp, 'releases'))
  await page.getByTestId('nav-welcome').click()
  await page.getByTestId('browse-folders').click()
  const browser = page.getByTestId('folder-browser')
  await browser.getByLabel('Folder to show').fill(tmp)
  await browser.getByRole('button', { name: 'Show', exact: true }).click()
  await browser.getByRole('button', { name: 'Look inside releases' }).click()
  await expect(browser.getByRole('list', { name: `In ${join(tmp, 'releases')}` })).toBeVisible()
  await browser.getByRole('button', { name: `Open ${SAMPLE_NEW}` }).click()
  await expectStatus(page, 'verified')
  await expect(page.locator('.pack-location')).toContainText(join(tmp, 'releases', SAMPLE_NEW))
})
