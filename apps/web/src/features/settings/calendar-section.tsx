import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, ConfirmDialog, CopyField, ErrorNotice, Loading, Notice } from "@tend/ui";
import { useState } from "react";
import { downloadFile } from "../../lib/download.ts";
import { toProblem } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";

/**
 * Planned practice in the client's own calendar: a one-off .ics download, or a private link a
 * calendar app subscribes to (shown once, since only its hash is kept), which can be replaced or
 * switched off.
 */
export function CalendarSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.calendar.feedStatus.queryOptions());
  const [url, setUrl] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"replace" | "revoke" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.calendar.feedStatus.queryFilter());
  const create = useMutation(
    trpc.calendar.createFeed.mutationOptions({
      onSuccess: async (feed) => {
        setConfirm(null);
        setUrl(feed.url);
        setNotice(null);
        await refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.calendar.revokeFeed.mutationOptions({
      onSuccess: async () => {
        setConfirm(null);
        setUrl(null);
        setNotice("Your private calendar link is off. Calendars that used it stop updating.");
        await refresh();
      },
    }),
  );
  const download = useMutation({
    mutationFn: () => downloadFile("/api/export/me.ics", "tend-practice.ics"),
  });
  const active = status.data?.active ?? false;

  return (
    <section className="tend-panel" aria-labelledby="calendar-title">
      <h2 id="calendar-title">Your practice in your calendar</h2>
      <p className="tend-lead">
        Planned practice times and exercise names only, never anything you write.
      </p>
      <Notice>{notice}</Notice>
      <div className="tend-subpanel">
        <h3 className="tend-panel-title">Download once</h3>
        <p className="tend-hint">
          A file your calendar app can import. It does not update when your plan changes.
        </p>
        <div className="tend-actions">
          <Button
            variant="secondary"
            disabled={download.isPending}
            onClick={() => download.mutate()}
          >
            {download.isPending ? "Preparing…" : "Download calendar (.ics)"}
          </Button>
        </div>
        {download.isError ? (
          <ErrorNotice title="The calendar did not download">
            {toProblem(download.error).message}
          </ErrorNotice>
        ) : null}
      </div>
      <div className="tend-subpanel">
        <h3 className="tend-panel-title">A private link that stays up to date</h3>
        <p className="tend-hint">
          Paste it into your calendar app where it says “subscribe” or “add by URL”. Anyone who has
          the link can see your planned practice times, so keep it to yourself.
        </p>
        {create.isError || revoke.isError ? (
          <ErrorNotice title="That did not work">
            {toProblem(create.error ?? revoke.error).message}
          </ErrorNotice>
        ) : null}
        {status.isPending ? (
          <Loading />
        ) : status.isError ? (
          <ErrorNotice>{toProblem(status.error).message}</ErrorNotice>
        ) : url ? (
          <>
            <CopyField
              label="Your private calendar link"
              value={url}
              hint="Shown only this once: copy it now. If you lose it, you can make a new one."
            />
            <div className="tend-actions">
              <Button variant="quiet" onClick={() => setConfirm("revoke")}>
                Turn the link off
              </Button>
            </div>
          </>
        ) : active ? (
          <>
            <p>
              Your private link is on. For your safety it cannot be shown again; if you need it,
              make a new one (the old one then stops working).
            </p>
            <div className="tend-actions">
              <Button variant="secondary" onClick={() => setConfirm("replace")}>
                Make a new link
              </Button>
              <Button variant="quiet" onClick={() => setConfirm("revoke")}>
                Turn the link off
              </Button>
            </div>
          </>
        ) : (
          <div className="tend-actions">
            <Button
              variant="secondary"
              disabled={create.isPending}
              onClick={() => {
                setNotice(null);
                create.mutate();
              }}
            >
              {create.isPending ? "Making your link…" : "Create a private link"}
            </Button>
          </div>
        )}
      </div>
      <ConfirmDialog
        open={confirm === "replace"}
        title="Make a new calendar link?"
        confirmLabel="Make a new link"
        cancelLabel="Keep the old one"
        pending={create.isPending}
        error={create.isError ? toProblem(create.error).message : null}
        onCancel={() => setConfirm(null)}
        onConfirm={() => create.mutate()}
      >
        The old link stops working, so a calendar that uses it stops updating until you add the new
        one.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "revoke"}
        title="Turn the calendar link off?"
        confirmLabel="Turn it off"
        cancelLabel="Keep it"
        pending={revoke.isPending}
        error={revoke.isError ? toProblem(revoke.error).message : null}
        onCancel={() => setConfirm(null)}
        onConfirm={() => revoke.mutate()}
      >
        Calendars that use it stop showing your practice. You can make a new link whenever you like.
      </ConfirmDialog>
    </section>
  );
}
