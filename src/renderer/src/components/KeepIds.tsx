/**
 * Prose from core that names things by id ("1 slice vanished: channel-telesales"): the ids and
 * other hyphenated tokens are kept whole (a line may break between words, never inside
 * "channel-telesales" or "2026-11-30"); the text itself is unchanged, so copying gives the same.
 */
export function KeepIds(props: { readonly text: string }): React.JSX.Element {
  const parts = props.text.split(/(\S*[-/.:]\S*)/)
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <span key={i} className="nowrap">
            {p}
          </span>
        ) : (
          p
        )
      )}
    </>
  )
}
