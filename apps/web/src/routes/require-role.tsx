import { ErrorNotice, Loading } from "@tend/ui";
import { Navigate, Outlet, useLocation } from "react-router";
import { homePathFor, type Role, useSessionState } from "../features/auth/use-session-state.ts";

/**
 * Pages for signed-in people (of one role, when given). Signed out: to sign-in, coming back
 * here afterwards. The other role: to their own home. The API checks again on every call.
 */
export function RequireRole({ roleRequired }: { roleRequired?: Role }) {
  const session = useSessionState();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  if (session.isError)
    return (
      <ErrorNotice>We could not reach Tend just now. Please try again in a moment.</ErrorNotice>
    );
  const { signedIn, role: current } = session.data;
  if (!signedIn) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  if (roleRequired && current !== roleRequired)
    return <Navigate to={homePathFor(current)} replace />;
  return <Outlet />;
}
