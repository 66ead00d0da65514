export function CompareView(): React.JSX.Element {
  return <p>Compare</p>
}
