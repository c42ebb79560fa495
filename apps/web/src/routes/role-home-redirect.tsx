import { ErrorNotice, Loading } from "@tend/ui";
import { Navigate } from "react-router";
import { homePathFor, useSessionState } from "../features/auth/use-session-state.ts";

/** `/`: therapists to their clients, clients to their home, everyone else to sign in. */
export function RoleHomeRedirect() {
  const session = useSessionState();
  if (session.isPending) return <Loading />;
  if (session.isError)
    return (
      <ErrorNotice>We could not reach Tend just now. Please try again in a moment.</ErrorNotice>
    );
  return <Navigate to={homePathFor(session.data.signedIn ? session.data.role : null)} replace />;
}
