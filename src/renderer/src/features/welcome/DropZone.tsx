import { useState } from 'react'
import { useAppStore } from '../../store'

/**
 * Drop a folder or archive anywhere on the screen. The host resolves it (Electron: its real path;
 * the loopback host: an uploaded copy of an archive); a folder dropped in a browser cannot be
 * resolved, and the message asks for its typed path.
 */
export function DropZone(props: { readonly children: React.ReactNode }): React.JSX.Element {
  const [over, setOver] = useState(false)
  const openDropped = useAppStore((s) => s.openDropped)
  const onDrop = (e: React.DragEvent): void => {
    e.preventDefault()
    setOver(false)
    const file = e.dataTransfer.files[0]
    if (file === undefined) return
    void openDropped(file)
  }
  return (
    <div
      className={`dropzone${over ? ' over' : ''}`}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault()
        e.dataTransfer.dropEffect = 'copy'
        setOver(true)
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {props.children}
      <p className="drop-hint" aria-hidden={!over}>
        {over ? 'Drop to open this pack' : 'You can also drop a pack folder or archive anywhere on this window.'}
      </p>
    </div>
  )
}
