import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  ConfirmDialog,
  EmptyState,
  EntryAnswers,
  ErrorNotice,
  Loading,
  PageHeader,
  SwitchField,
} from "@tend/ui";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { toProblem } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";
import type { RouterOutputs } from "../../lib/trpc-types.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";

type OwnEntry = RouterOutputs["entries"]["mine"][number];

/** /history — everything the client has practised, newest first, theirs to share or delete. */
export function HistoryPage() {
  useDocumentTitle("Your history");
  const trpc = useTRPC();
  const entries = useQuery(trpc.entries.mine.queryOptions(undefined, { staleTime: 0 }));
  const me = useQuery(trpc.me.get.queryOptions());
  const therapistName = me.data?.client?.therapistName ?? "your therapist";

  return (
    <>
      <PageHeader
        title="Your history"
        lead={`Everything here is private unless you share it. Sharing lets ${therapistName} read an entry; you can take it back whenever you like.`}
      />
      {entries.isPending ? (
        <Loading label="Loading your entries…" />
      ) : entries.isError ? (
        <ErrorNotice>{toProblem(entries.error).message}</ErrorNotice>
      ) : entries.data.length === 0 ? (
        <EmptyState>
          Nothing here yet. When you practise, your entries will be kept here for you.{" "}
          <Link to="/today">Go to Today</Link>
        </EmptyState>
      ) : (
        <ul className="tend-practice-list" aria-label="Your entries">
          {entries.data.map((entry) => (
            <li key={entry.id}>
              <HistoryEntry entry={entry} therapistName={therapistName} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function HistoryEntry({ entry, therapistName }: { entry: OwnEntry; therapistName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.entries.mine.queryKey() });
  const share = useMutation(trpc.entries.setSharing.mutationOptions({ onSettled: refresh }));
  const flag = useMutation(trpc.entries.setFlag.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(
    trpc.entries.delete.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await refresh();
        void queryClient.invalidateQueries({ queryKey: trpc.practice.today.queryKey() });
      },
    }),
  );
  const title = entry.definition.title;
  const headingId = `entry-${entry.id}`;
  // Each switch shows the person's choice at once; a failed save puts it back.
  const [shared, setShared] = useState(entry.shared);
  const [flagged, setFlagged] = useState(entry.flaggedForSession);
  useEffect(() => setShared(entry.shared), [entry.shared]);
  useEffect(() => setFlagged(entry.flaggedForSession), [entry.flaggedForSession]);
  const failed = share.error ?? flag.error;

  return (
    <article
      className={`tend-entry${flagged && entry.status === "complete" ? " tend-flag" : ""}`}
      aria-labelledby={headingId}
    >
      <div className="tend-entry-header">
        <h2 className="tend-entry-title" id={headingId}>
          {title}
        </h2>
        <p className="tend-practice-item-meta">
          {entry.status === "complete" && entry.completedAt
            ? formatDateTime(entry.completedAt)
            : `Started ${formatDateTime(entry.startedAt)}`}
        </p>
      </div>
      {entry.status === "draft" ? (
        <p>
          <Link to={`/practice/${entry.id}`}>Not finished yet — continue</Link>
        </p>
      ) : (
        <>
          <p className="tend-actions">
            <span className={`tend-pill${shared ? "" : " tend-pill-quiet"}`}>
              {shared ? `Shared with ${therapistName}` : "Private"}
            </span>
            {flagged ? <span className="tend-flag-label">For our next session</span> : null}
          </p>
          <details>
            <summary className="tend-summary">Read this entry</summary>
            <EntryAnswers definition={entry.definition} answers={entry.answers} />
          </details>
          <div className="tend-entry-controls">
            <SwitchField
              label={`Share with ${therapistName}`}
              hint={
                shared ? `${therapistName} can read this entry.` : "Only you can read this entry."
              }
              checked={shared}
              onChange={(value) => {
                setShared(value);
                share.mutate(
                  { id: entry.id, shared: value },
                  { onError: () => setShared(entry.shared) },
                );
              }}
            />
            <SwitchField
              label="Bring this to our next session"
              checked={flagged}
              onChange={(value) => {
                setFlagged(value);
                flag.mutate(
                  { id: entry.id, flagged: value },
                  { onError: () => setFlagged(entry.flaggedForSession) },
                );
              }}
            />
            {failed ? (
              <ErrorNotice title="That change did not save">
                {toProblem(failed).message}
              </ErrorNotice>
            ) : null}
          </div>
        </>
      )}
      <div className="tend-actions">
        <Button
          variant="quiet"
          onClick={() => setConfirming(true)}
          aria-label={`Delete ${title}, ${entry.status === "complete" && entry.completedAt ? formatDateTime(entry.completedAt) : "not finished"}`}
        >
          Delete
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Delete this entry?"
        confirmLabel="Delete for good"
        cancelLabel="Keep it"
        pending={remove.isPending}
        error={remove.isError ? toProblem(remove.error).message : null}
        onCancel={() => {
          setConfirming(false);
          remove.reset();
        }}
        onConfirm={() => remove.mutate({ id: entry.id })}
      >
        {`"${title}" will be gone for good${entry.shared ? `, for you and for ${therapistName}` : ""}. This cannot be undone.`}
      </ConfirmDialog>
    </article>
  );
}
