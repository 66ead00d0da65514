import type { VerifyReport } from '../../../../core/verify/report'
export function SignoffPanel(_props: { readonly report: VerifyReport }): React.JSX.Element {
  return <p>Sign-off</p>
}
