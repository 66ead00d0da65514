/**
 * The one e2e fixture. It launches the host chosen by VOUCH_E2E_HOST (serve | electron; default
 * serve) on a fresh user-data dir per test, waits for the app's readiness signal
 * (body[data-ready]), answers native dialogs (Electron) and cleans up after itself.
 *
 * serve:    `node out/cli/vouch.js serve --port 0 --profile <per-test dir>` as a subprocess (so
 *           tests never touch the user's own recent packs, keys or trust file), the URL read
 *           from its readiness line, Debian's /usr/bin/chromium driven by Playwright.
 * electron: `_electron.launch` on the built app (out/main/index.js), production webPreferences.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { cp, mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron, chromium, expect, test as base, type Browser, type ElectronApplication, type Page } from '@playwright/test'
import type { OverallStatus } from '../src/core/assess/status'

export { expect }
export type { OverallStatus } from '../src/core/assess/status'

export const ROOT = resolve(import.meta.dirname, '..')
const CLI = join(ROOT, 'out', 'cli', 'vouch.js')
export const SAMPLES_DIR = process.env.VOUCH_SAMPLES_DIR ?? join(ROOT, 'resources', 'samples')
export const SAMPLE_OLD = 'credit-default-1.0.0'
export const SAMPLE_NEW = 'credit-default-1.1.0'
const HOST: 'serve' | 'electron' = process.env.VOUCH_E2E_HOST === 'electron' ? 'electron' : 'serve'
const READY_LINE = /Vouch is serving at (http:\/\/127\.0\.0\.1:\d+\/\S*)/

export interface VouchHost {
  readonly kind: 'serve' | 'electron'
  /** The app's window; replaced by restart(). */
  readonly page: Page
  readonly userDataDir: string
  /**
   * Quits the host and starts it again on the same user-data dir; resolves with the new page.
   * `pack` is given on the command line (what a file association does).
   */
  readonly restart: (opts?: { readonly pack?: string }) => Promise<Page>
  /** Electron only: the next native open dialog answers with this path. */
  readonly answerOpenDialog: (path: string) => Promise<void>
  /** Electron only: the next native save dialog answers with this path. */
  readonly answerSaveDialog: (path: string) => Promise<void>
}

interface Running {
  readonly page: Page
  readonly stop: () => Promise<void>
  readonly electron?: ElectronApplication
}

async function waitReady(page: Page): Promise<void> {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await expect(page.locator('body[data-ready="true"]')).toBeAttached({ timeout: 20_000 })
}

function startServe(userDataDir: string, pack?: string): Promise<{ readonly url: string; readonly proc: ChildProcess }> {
  if (!existsSync(CLI)) throw new Error(`e2e: ${CLI} is missing; run \`npm run build\` first`)
  const env = { ...process.env }
  // The profile comes from --profile alone: an inherited VOUCH_USER_DATA must not be what makes it private.
  delete env.VOUCH_USER_DATA
  const proc = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--profile', userDataDir, ...(pack === undefined ? [] : [pack])], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  return new Promise((resolvePromise, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => fail(`no readiness line within 20 s`), 20_000)
    const fail = (why: string): void => {
      clearTimeout(timer)
      proc.kill('SIGKILL')
      reject(new Error(`vouch serve: ${why}\nstdout: ${out}\nstderr: ${err}`))
    }
    proc.stdout?.on('data', (b: Buffer) => {
      out += b.toString('utf8')
      const m = READY_LINE.exec(out)
      if (m?.[1] !== undefined) {
        clearTimeout(timer)
        resolvePromise({ url: m[1], proc })
      }
    })
    proc.stderr?.on('data', (b: Buffer) => (err += b.toString('utf8')))
    proc.on('exit', (code) => fail(`exited with code ${String(code)} before it was ready`))
  })
}

async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return
  const exited = new Promise<void>((r) => proc.once('exit', () => r()))
  proc.kill('SIGTERM')
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

async function launchServe(browser: Browser, userDataDir: string, pack?: string): Promise<Running> {
  const { url, proc } = await startServe(userDataDir, pack)
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
  const page = await context.newPage()
  await page.goto(url)
  await waitReady(page)
  return {
    page,
    stop: async () => {
      await context.close()
      await stopProcess(proc)
    }
  }
}

function electronBinary(): string {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown
    if (typeof p === 'string' && existsSync(p)) return p
  } catch {
    // fall through to the message below
  }
  throw new Error('VOUCH_E2E_HOST=electron, but the Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD?)')
}

async function launchElectron(userDataDir: string, pack?: string): Promise<Running> {
  const app = await _electron.launch({
    executablePath: electronBinary(),
    // --no-sandbox only in the launcher, for CI kernels without user namespaces; the app's own settings stay production.
    args: ['.', '--no-sandbox', ...(pack === undefined ? [] : [pack])],
    cwd: ROOT,
    env: { ...process.env, VOUCH_USER_DATA: userDataDir }
  })
  const page = await app.firstWindow()
  await page.setViewportSize({ width: 1280, height: 800 })
  await waitReady(page)
  return { page, electron: app, stop: () => app.close() }
}

interface WorkerFixtures {
  readonly chromiumBrowser: Browser | null
}
interface TestFixtures {
  readonly vouch: VouchHost
  /** A fresh temp dir for this test (removed afterwards). */
  readonly tmp: string
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  chromiumBrowser: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      if (HOST !== 'serve') return use(null)
      const browser = await chromium.launch({
        executablePath: process.env.VOUCH_CHROMIUM ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
      })
      await use(browser)
      await browser.close()
    },
    { scope: 'worker' }
  ],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  tmp: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'vouch-e2e-'))
    await use(dir)
    await rm(dir, { recursive: true, force: true })
  },
  vouch: async ({ chromiumBrowser, tmp }, use) => {
    const userDataDir = join(tmp, 'user-data')
    const launch = (pack?: string): Promise<Running> =>
      chromiumBrowser !== null ? launchServe(chromiumBrowser, userDataDir, pack) : launchElectron(userDataDir, pack)
    let running = await launch()
    const host: VouchHost = {
      kind: HOST,
      get page() {
        return running.page
      },
      userDataDir,
      restart: async (opts) => {
        await running.stop()
        running = await launch(opts?.pack)
        return running.page
      },
      answerOpenDialog: async (path) => {
        if (running.electron === undefined) throw new Error('native dialogs exist only in Electron')
        await running.electron.evaluate(({ dialog }, p) => {
          dialog.showOpenDialog = (() => Promise.resolve({ canceled: false, filePaths: [p] })) as typeof dialog.showOpenDialog
        }, path)
      },
      answerSaveDialog: async (path) => {
        if (running.electron === undefined) throw new Error('native dialogs exist only in Electron')
        await running.electron.evaluate(({ dialog }, p) => {
          dialog.showSaveDialog = (() => Promise.resolve({ canceled: false, filePath: p })) as typeof dialog.showSaveDialog
        }, path)
      }
    }
    await use(host)
    await running.stop()
  }
})

// ---- Helpers shared by the specs ----

export function samplePath(name: string): string {
  return join(SAMPLES_DIR, name)
}

/** A private copy of a sample folder under dir (tests may then damage it). */
export async function copySample(name: string, dir: string): Promise<string> {
  const dest = join(dir, name)
  await cp(samplePath(name), dest, { recursive: true })
  return dest
}

/** The largest regular file under a folder (for tampering with a payload file). */
export async function largestFile(dir: string): Promise<{ readonly path: string; readonly size: number }> {
  let best = { path: '', size: -1 }
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue
    const p = join(e.parentPath, e.name)
    const s = (await stat(p)).size
    if (s > best.size) best = { path: p, size: s }
  }
  return best
}

/** Open by the typed-path field on the Welcome screen (works in both hosts). */
export async function openByPath(page: Page, path: string): Promise<void> {
  await page.getByTestId('nav-welcome').click()
  await page.getByLabel('Folder or archive path').fill(path)
  await page.getByLabel('Folder or archive path').press('Enter')
}

/** The overall status badge (src/core/assess/status.ts: its data-status is the --json status). */
export async function expectStatus(page: Page, status: OverallStatus, timeout = 30_000): Promise<void> {
  await expect(page.getByTestId('pack-status')).toHaveAttribute('data-status', status, { timeout })
}

/**
 * With VOUCH_SCREENSHOTS=1, saves the page in light and dark into docs/screenshots/<name>-<scheme>.png
 * (off by default so CI never dirties the tree), at the window's width or the one given. A full-page
 * shot lays the scrolling content out in the document for the moment (html.snapshot).
 */
export async function snap(page: Page, name: string, opts: { readonly fullPage?: boolean; readonly width?: number } = {}): Promise<void> {
  if (process.env.VOUCH_SCREENSHOTS !== '1') return
  const size = page.viewportSize()
  if (opts.width !== undefined && size !== null) await page.setViewportSize({ width: opts.width, height: size.height })
  if (opts.fullPage === true) await page.evaluate(() => (globalThis as unknown as PageWindow).document.documentElement.classList.add('snapshot'))
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' })
    await page.screenshot({ path: join(ROOT, 'docs', 'screenshots', `${name}-${colorScheme}.png`), fullPage: opts.fullPage ?? false, animations: 'disabled' })
  }
  if (opts.fullPage === true) await page.evaluate(() => (globalThis as unknown as PageWindow).document.documentElement.classList.remove('snapshot'))
  await page.emulateMedia({ colorScheme: null })
  if (opts.width !== undefined && size !== null) await page.setViewportSize(size)
}

/** An element as the specs' page-side callbacks see it (e2e is typechecked without the DOM lib). */
export interface PageElement {
  readonly id: string
  readonly classList: { contains(name: string): boolean }
  getAttribute(name: string): string | null
}
/** The few page globals those callbacks use; cast `globalThis` to it inside page.evaluate. */
export interface PageWindow {
  readonly document: {
    readonly activeElement: PageElement | null
    readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number; readonly classList: { add(c: string): void; remove(c: string): void } }
    getElementById(id: string): { scrollTo(x: number, y: number): void; readonly scrollWidth: number; readonly clientWidth: number } | null
  }
  getComputedStyle(el: PageElement): { readonly outlineStyle: string; readonly outlineWidth: string }
  readonly DataTransfer: new () => { readonly items: { add(file: unknown): unknown } }
}

/** Dismisses every message (info messages may also fade on their own meanwhile) and scrolls the content to the top. */
export async function clearNotices(page: Page): Promise<void> {
  const dismiss = page.getByRole('button', { name: /^Dismiss message/ })
  for (let i = 0; i < 10 && (await dismiss.count()) > 0; i++) await dismiss.first().click({ timeout: 2_000 }).catch(() => undefined)
  await page.evaluate(() => (globalThis as unknown as PageWindow).document.getElementById('main')?.scrollTo(0, 0))
}
