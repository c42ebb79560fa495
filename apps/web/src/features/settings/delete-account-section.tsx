import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, ConfirmDialog, ErrorNotice, Loading, Notice } from "@tend/ui";
import { useState } from "react";
import { toProblem } from "../../lib/errors.ts";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";

const GRACE_DAYS = 7;

/**
 * Delete the account: nothing goes for seven days, and until then one button keeps it after
 * all. While pending, the page says when it happens.
 */
export function DeleteAccountSection({ therapistName }: { therapistName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.account.deletionStatus.queryOptions(undefined, { staleTime: 0 }));
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const setStatus = (data: NonNullable<typeof status.data>) =>
    queryClient.setQueryData(trpc.account.deletionStatus.queryKey(), data);
  const request = useMutation(
    trpc.account.requestDeletion.mutationOptions({
      onSuccess: (data) => {
        setConfirming(false);
        setStatus(data);
        setNotice(null);
      },
    }),
  );
  const cancel = useMutation(
    trpc.account.cancelDeletion.mutationOptions({
      onSuccess: (data) => {
        setStatus(data);
        setNotice("Deletion is cancelled. Your account and everything in it stay as they were.");
      },
    }),
  );
  const deletesOn = formatDate(new Date(Date.now() + GRACE_DAYS * 24 * 3600_000));

  return (
    <section className="tend-panel" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete your account</h2>
      <Notice>{notice}</Notice>
      {status.isPending ? (
        <Loading />
      ) : status.isError ? (
        <ErrorNotice>{toProblem(status.error).message}</ErrorNotice>
      ) : status.data.requested && status.data.deletesAt ? (
        <div className="tend-pending-deletion">
          <p>
            <strong>
              Your account is set to be deleted on {formatDateTime(status.data.deletesAt)}.
            </strong>{" "}
            Until then everything stays as it is, and you can change your mind.
          </p>
          {cancel.isError ? (
            <ErrorNotice title="That did not work">{toProblem(cancel.error).message}</ErrorNotice>
          ) : null}
          <div className="tend-actions">
            <Button disabled={cancel.isPending} onClick={() => cancel.mutate()}>
              {cancel.isPending ? "One moment…" : "Cancel deletion"}
            </Button>
          </div>
        </div>
      ) : (
        <>
          <p>
            This deletes your account and everything in it: your entries, your settings and your
            practice history, including what you shared with {therapistName}. You may want to
            download your data first.
          </p>
          <p>
            Nothing goes straight away. You have {GRACE_DAYS} days to change your mind, and can
            cancel here at any time before then. Other devices are signed out now. Once it is done,
            {therapistName} gets a short email saying you have left, without any of your words.
          </p>
          <div className="tend-actions">
            <Button variant="secondary" onClick={() => setConfirming(true)}>
              Delete my account…
            </Button>
          </div>
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title="Delete your account?"
        confirmLabel={`Delete it in ${GRACE_DAYS} days`}
        cancelLabel="Keep my account"
        pending={request.isPending}
        error={request.isError ? toProblem(request.error).message : null}
        onCancel={() => {
          setConfirming(false);
          request.reset();
        }}
        onConfirm={() => request.mutate()}
      >
        {`Everything will be deleted on ${deletesOn}. Until then you can cancel on this page, and nothing changes.`}
      </ConfirmDialog>
    </section>
  );
}
