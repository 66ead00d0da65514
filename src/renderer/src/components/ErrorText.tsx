import type { ApiError } from '../lib/api'
import { describeError, supportText } from '../lib/error-words'

/** A host error as a person reads it: a sentence, what the host said when it helps, the code in small print. */
export function ErrorText(props: { readonly error: ApiError }): React.JSX.Element {
  const w = describeError(props.error)
  const support = supportText(props.error)
  return (
    <>
      <span className="error-headline">{w.headline}</span>
      {w.detail !== undefined && <span className="error-detail"> {w.detail}</span>}
      {props.error.hint !== undefined && <span className="error-detail"> {props.error.hint}</span>}
      <small className="error-code">
        code <code>{w.code}</code>
        {support !== undefined && <> · {support}</>}
      </small>
    </>
  )
}
