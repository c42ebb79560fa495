import { useQuery } from "@tanstack/react-query";
import { ErrorNotice, Loading, PageHeader } from "@tend/ui";
import { useState } from "react";
import { Link, useLocation } from "react-router";
import { httpStatusOf } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { useSessionState } from "../auth/use-session-state.ts";
import { AcceptInvitationForm } from "./accept-invitation-form.tsx";

/** /invite#<token>: the token rides in the fragment, so it never reaches a server log. */
export function AcceptInvitationPage() {
  useDocumentTitle("You're invited");
  const { hash } = useLocation();
  const [token] = useState(() => decodeURIComponent(hash.replace(/^#/, "")));
  const trpc = useTRPC();
  const session = useSessionState();
  const usable = token.length >= 20 && token.length <= 200;
  const preview = useQuery(
    trpc.invitations.preview.queryOptions({ token }, { enabled: usable, retry: false }),
  );

  if (!usable || preview.isError) {
    const status = usable ? httpStatusOf(preview.error) : 404;
    return (
      <div className="tend-narrow">
        <PageHeader title="This invitation can't be opened" />
        <ErrorNotice title="The link has expired or has already been used">
          {status !== undefined && status < 500
            ? "Invitation links work for 7 days and only once. Please ask your therapist to send a new one. "
            : "We could not reach Tend just now. Please try the link again in a moment. "}
          Already set up? <Link to="/sign-in">Sign in</Link>.
        </ErrorNotice>
      </div>
    );
  }
  if (preview.isPending) return <Loading label="Opening your invitation…" />;

  const { therapistName, clientName, email } = preview.data;
  return (
    <div className="tend-narrow">
      <PageHeader
        title={`${therapistName} invited you to Tend`}
        lead="Tend is a quiet place for the self-compassion practice you and your therapist talk about. Setting up takes a minute."
      />
      {session.data?.signedIn ? (
        <p className="tend-notice">
          You're signed in as {session.data.name} on this device. Joining will sign you in as{" "}
          {clientName} instead.
        </p>
      ) : null}
      <div className="tend-panel">
        <AcceptInvitationForm token={token} clientName={clientName} email={email} />
      </div>
      <p className="tend-hint tend-after-panel">
        What you write in Tend is yours. You choose what your therapist sees.
      </p>
    </div>
  );
}
