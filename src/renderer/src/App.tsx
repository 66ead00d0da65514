import { useEffect } from 'react'
import { ErrorBoundary } from './components/ErrorBoundary'
import { NoticeList } from './components/NoticeList'
import { assertNever } from './lib/assert'
import type { Theme } from './lib/api'
import { useAppStore } from './store'
import type { Screen } from './store/ui-slice'
import { CompareView } from './features/compare/CompareView'
import { KeysScreen } from './features/keys/KeysScreen'
import { PackView } from './features/pack/PackView'
import { WelcomeScreen } from './features/welcome/WelcomeScreen'

function CurrentScreen(props: { readonly screen: Screen }): React.JSX.Element {
  switch (props.screen) {
    case 'welcome':
      return <WelcomeScreen />
    case 'pack':
      return <PackView />
    case 'compare':
      return <CompareView />
    case 'keys':
      return <KeysScreen />
    default:
      return assertNever(props.screen, 'screen')
  }
}

function TopBar(): React.JSX.Element {
  const screen = useAppStore((s) => s.screen)
  const show = useAppStore((s) => s.showScreen)
  const hasPack = useAppStore((s) => s.verify.kind !== 'idle' && s.verify.kind !== 'error')
  const tabs: readonly { readonly id: Screen; readonly label: string; readonly enabled: boolean }[] = [
    { id: 'welcome', label: 'Open', enabled: true },
    { id: 'pack', label: 'Pack', enabled: hasPack },
    { id: 'compare', label: 'Compare', enabled: true },
    { id: 'keys', label: 'Keys and trust', enabled: true }
  ]
  return (
    <header className="topbar">
      <span className="brand" aria-label="Vouch">
        <span aria-hidden="true" className="brand-mark">
          ✓
        </span>
        Vouch
      </span>
      <nav aria-label="Main" className="main-nav">
        <ul>
          {tabs.map((t) => (
            <li key={t.id}>
              <button
                type="button"
                aria-current={screen === t.id ? 'page' : undefined}
                disabled={!t.enabled}
                onClick={() => show(t.id)}
                data-testid={`nav-${t.id}`}
              >
                {t.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <ThemeChoice />
    </header>
  )
}

/** System (the OS setting), light or dark; kept in the profile folder. */
function ThemeChoice(): React.JSX.Element {
  const theme = useAppStore((s) => s.theme)
  const setTheme = useAppStore((s) => s.setTheme)
  return (
    <label className="theme-choice">
      <span>Theme</span>
      <select value={theme} onChange={(e) => void setTheme(e.target.value as Theme)} data-testid="theme">
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  )
}

/**
 * Ctrl/Cmd+O. In Electron the application menu owns it (native dialog, then app:openPath), so the
 * page leaves the key alone; in a browser it would open the browser's own file dialog, which
 * cannot give a path, so it focuses the typed-path field instead.
 */
function useOpenShortcut(): void {
  const dialogs = useAppStore((s) => s.host?.dialogs === true)
  useEffect(() => {
    if (dialogs) return
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'o' || e.shiftKey || e.altKey) return
      e.preventDefault()
      useAppStore.getState().showScreen('welcome')
      window.setTimeout(() => document.getElementById('pack-path')?.focus(), 0)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [dialogs])
}

export function App(): React.JSX.Element {
  const screen = useAppStore((s) => s.screen)
  const showScreen = useAppStore((s) => s.showScreen)
  const connectHost = useAppStore((s) => s.connectHost)
  useEffect(() => connectHost(), [connectHost])
  useOpenShortcut()
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar />
      <main id="main" tabIndex={-1} className="content" data-testid="content">
        <ErrorBoundary resetKey={screen} onHome={() => showScreen('welcome')}>
          <CurrentScreen screen={screen} />
        </ErrorBoundary>
      </main>
      <NoticeList />
    </div>
  )
}
