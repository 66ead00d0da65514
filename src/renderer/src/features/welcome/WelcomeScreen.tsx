import { DropZone } from './DropZone'
import { OpenPackForm } from './OpenPackForm'
import { RecentList } from './RecentList'
import { SampleList } from './SampleList'

/** First screen: every way to open a pack. */
export function WelcomeScreen(): React.JSX.Element {
  return (
    <DropZone>
      <div className="welcome">
        <header className="welcome-intro">
          <h1>Open an Assurance Pack</h1>
          <p className="muted">
            Vouch checks every file of a pack against its manifest, offline, then shows its evidence: evaluation, risks,
            monitoring, policy and traceability.
          </p>
        </header>
        <OpenPackForm />
        <div className="welcome-grid">
          <SampleList />
          <RecentList />
        </div>
      </div>
    </DropZone>
  )
}
