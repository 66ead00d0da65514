/** The application menu: Open (Ctrl/Cmd+O) goes through the native dialog, then asks the UI to open. */
import { Menu, type MenuItemConstructorOptions } from 'electron'

export function installMenu(onOpen: () => void, devTools: boolean): void {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [{ label: 'Open Pack…', accelerator: 'CmdOrCtrl+O', click: onOpen }, { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }]
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(devTools ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : [])
      ]
    },
    { role: 'windowMenu' }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
