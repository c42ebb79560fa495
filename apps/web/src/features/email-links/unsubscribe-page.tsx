import { useMutation } from "@tanstack/react-query";
import { Button, ErrorNotice, PageHeader } from "@tend/ui";
import { useState } from "react";
import { Link } from "react-router";
import { OFFLINE } from "../../lib/errors.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import {
  postEmailLink,
  tokenFromHash,
  type UnsubscribeKind,
  unsubscribeKindOf,
} from "./email-link-token.ts";

const WHAT: Record<UnsubscribeKind, { name: string; explain: string; done: string }> = {
  reminders: {
    name: "practice reminders",
    explain:
      "These are the short emails that arrive at the times your practice is planned. Without them, your practice is still waiting on your Today page whenever you want it.",
    done: "You won't get practice reminders by email any more.",
  },
  summaries: {
    name: "weekly summaries",
    explain: "This is the short note about your week of practice that arrives once a week.",
    done: "You won't get the weekly summary by email any more.",
  },
  digest: {
    name: "weekly digest",
    explain: "This is the weekly overview of your clients' shared practice, sent before your week.",
    done: "You won't get the weekly digest by email any more.",
  },
};

/**
 * /unsubscribe#<token> — where an email's unsubscribe link lands (no sign-in needed). Nothing
 * changes until the person presses the button, so a mail scanner following links stops nothing.
 */
export function UnsubscribePage() {
  useDocumentTitle("Stop these emails");
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const kind = token ? unsubscribeKindOf(token) : null;
  const what = kind ? WHAT[kind] : null;
  const stop = useMutation({
    mutationFn: async () => {
      const result = await postEmailLink(`/api/email/unsubscribe/${encodeURIComponent(token!)}`);
      if (!result.ok)
        throw new Error(
          result.status === 0
            ? OFFLINE
            : "This link did not work. It may have been copied only in part; please open it again from the email.",
        );
    },
  });

  if (!token || !what)
    return (
      <div className="tend-narrow">
        <PageHeader title="This link is not complete" />
        <p>
          Please open the link again from the email. If you are signed in, you can also change your
          emails on <Link to="/settings/email">your email settings</Link>.
        </p>
      </div>
    );

  if (stop.isSuccess)
    return (
      <div className="tend-narrow">
        <PageHeader title="Done" />
        <p role="status" className="tend-notice">
          {what.done}
        </p>
        {kind === "digest" ? (
          <p>
            Changed your mind? You can turn it back on any time in{" "}
            <Link to="/account">your account</Link>.
          </p>
        ) : (
          <p>
            Changed your mind? You can turn them back on any time in{" "}
            <Link to="/settings/email">your email settings</Link>.
          </p>
        )}
      </div>
    );

  return (
    <div className="tend-narrow">
      <PageHeader title={`Stop ${what.name}?`} lead={what.explain} />
      {stop.isError ? (
        <ErrorNotice title="That did not work">{(stop.error as Error).message}</ErrorNotice>
      ) : null}
      <p>Other emails from Tend, such as sign-in links, are not affected.</p>
      <div className="tend-actions">
        <Button disabled={stop.isPending} onClick={() => stop.mutate()}>
          {stop.isPending ? "One moment…" : `Stop ${what.name}`}
        </Button>
      </div>
    </div>
  );
}
