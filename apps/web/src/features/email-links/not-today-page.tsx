import { useMutation } from "@tanstack/react-query";
import { Button, ErrorNotice, PageHeader } from "@tend/ui";
import { useState } from "react";
import { Link } from "react-router";
import { OFFLINE } from "../../lib/errors.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { postEmailLink, tokenFromHash } from "./email-link-token.ts";

/**
 * /not-today#<token> — a reminder's "not today" link (no sign-in needed): lets this one
 * planned practice go, with no reason asked and nothing counted against anyone.
 */
export function NotTodayPage() {
  useDocumentTitle("Not today");
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const skip = useMutation({
    mutationFn: async () => {
      const result = await postEmailLink(`/api/email/not-today/${encodeURIComponent(token!)}`);
      if (!result.ok)
        throw new Error(
          result.status === 0
            ? OFFLINE
            : "This link has already been used or is too old now, so there is nothing to do. The practice is still there whenever you want it.",
        );
    },
  });

  return (
    <div className="tend-narrow">
      <PageHeader
        title="Not today"
        lead="That's completely fine. This practice will be here whenever you're ready."
      />
      {!token ? (
        <p>
          This link is not complete. Please open it again from the email; or simply leave it, as
          nothing is needed from you.
        </p>
      ) : skip.isSuccess ? (
        <>
          <p role="status" className="tend-notice">
            Done. We won't remind you about this one.
          </p>
          <p>
            Whenever you feel like a few minutes, your practice is on{" "}
            <Link to="/today">your Today page</Link>.
          </p>
        </>
      ) : (
        <>
          <p>
            If you'd like, let this one go: there will be no reminder for it, and nothing else
            changes.
          </p>
          {skip.isError ? (
            <ErrorNotice title="Nothing to do here">{(skip.error as Error).message}</ErrorNotice>
          ) : null}
          <div className="tend-actions">
            <Button disabled={skip.isPending} onClick={() => skip.mutate()}>
              {skip.isPending ? "One moment…" : "Let this one go"}
            </Button>
          </div>
          <p className="tend-hint">
            Want a longer break? You can pause reminders in{" "}
            <Link to="/settings/email">your email settings</Link>.
          </p>
        </>
      )}
    </div>
  );
}
