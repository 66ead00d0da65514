import { Component, type ErrorInfo, type ReactNode } from 'react'

interface Props {
  readonly children: ReactNode
  /** Changing this value clears a caught error (e.g. the screen name). */
  readonly resetKey: string
  readonly onHome: () => void
}
interface State {
  readonly message: string | null
  readonly resetKey: string
}

/** A screen that fails to render says so in words; the top bar and other screens keep working. */
export class ErrorBoundary extends Component<Props, State> {
  public override state: State = { message: null, resetKey: this.props.resetKey }

  public static getDerivedStateFromError(error: unknown): Partial<State> {
    return { message: error instanceof Error ? error.message : String(error) }
  }

  public static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { message: null, resetKey: props.resetKey } : null
  }

  public override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    // Nothing to report to: the app is offline. The message is shown below instead.
  }

  public override render(): ReactNode {
    if (this.state.message === null) return this.props.children
    return (
      <section className="card" role="alert">
        <h1>This screen could not be shown</h1>
        <p>
          <code>render-failed</code> {this.state.message}
        </p>
        <button type="button" onClick={this.props.onHome}>
          Back to the start screen
        </button>
      </section>
    )
  }
}
