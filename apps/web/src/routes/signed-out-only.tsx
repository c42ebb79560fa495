import { ErrorNotice, Loading } from "@tend/ui";
import { Navigate, Outlet } from "react-router";
import { homePathFor, useSessionState } from "../features/auth/use-session-state.ts";

/** Sign-in, sign-up, forgot-password: someone already signed in goes to their home instead. */
export function SignedOutOnly() {
  const session = useSessionState();
  if (session.isPending) return <Loading />;
  if (session.isError)
    return (
      <ErrorNotice>We could not reach Tend just now. Please try again in a moment.</ErrorNotice>
    );
  if (session.data.signedIn) return <Navigate to={homePathFor(session.data.role)} replace />;
  return <Outlet />;
}
