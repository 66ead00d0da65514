export function KeysScreen(): React.JSX.Element {
  return <p>Keys</p>
}
