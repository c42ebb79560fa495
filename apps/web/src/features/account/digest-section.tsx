import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  ErrorNotice,
  Loading,
  Notice,
  SelectField,
  SwitchField,
  TextField,
} from "@tend/ui";
import { type FormEvent, useEffect, useState } from "react";
import { toProblem } from "../../lib/errors.ts";
import { timeZoneOptions } from "../../lib/time-zones.ts";
import { useTRPC } from "../../lib/trpc.ts";

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].map(
  (label, i) => ({
    value: String(i + 1),
    label,
  }),
);

/** A therapist's weekly digest: on or off, and the local day and time it arrives. */
export function DigestSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.me.digestSettings.queryOptions());
  const [draft, setDraft] = useState({
    digestEmails: true,
    digestDay: "1",
    digestTime: "07:00",
    timeZone: "UTC",
  });
  useEffect(() => {
    if (settings.data) {
      setDraft({
        digestEmails: settings.data.digestEmails,
        digestDay: String(settings.data.digestDay),
        digestTime: settings.data.digestTime,
        timeZone: settings.data.timeZone,
      });
    }
  }, [settings.data]);
  const save = useMutation(
    trpc.me.updateDigestSettings.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.me.digestSettings.queryKey(), data),
    }),
  );

  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorNotice>{toProblem(settings.error).message}</ErrorNotice>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ ...draft, digestDay: Number(draft.digestDay) });
  };

  return (
    <section className="tend-panel" aria-labelledby="digest-title">
      <h2 id="digest-title">Your weekly digest</h2>
      <p className="tend-lead">
        Before your week starts: how often each client practised and what they marked for your next
        session. It never includes anything a client kept private.
      </p>
      <form className="tend-form" noValidate onSubmit={submit} aria-label="Weekly digest">
        <SwitchField
          label="Send me the weekly digest"
          checked={draft.digestEmails}
          onChange={(digestEmails) => setDraft({ ...draft, digestEmails })}
        />
        <SelectField
          label="Day"
          value={draft.digestDay}
          options={DAYS}
          onChange={(e) => setDraft({ ...draft, digestDay: e.target.value })}
        />
        <TextField
          label="Time"
          type="time"
          value={draft.digestTime}
          onChange={(e) => setDraft({ ...draft, digestTime: e.target.value })}
        />
        <SelectField
          label="Your time zone"
          value={draft.timeZone}
          options={timeZoneOptions([draft.timeZone])}
          onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })}
        />
        {save.isError ? <ErrorNotice>{toProblem(save.error).message}</ErrorNotice> : null}
        <div className="tend-actions">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save digest settings"}
          </Button>
        </div>
        <Notice>{save.isSuccess ? "Saved." : null}</Notice>
      </form>
    </section>
  );
}
