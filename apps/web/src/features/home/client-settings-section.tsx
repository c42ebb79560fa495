import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, CheckboxField, FormError, Notice, SelectField } from "@tend/ui";
import { type FormEvent, useMemo, useState } from "react";
import { timeNowIn, timeZoneOptions } from "../../lib/time-zones.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useFormErrors } from "../../lib/use-form-errors.ts";

const ids = { timeZone: "settings-time-zone", sharePracticeLog: "settings-share" };

/** The client's own choices: where they are (for reminder times) and what their therapist sees. */
export function ClientSettingsSection({
  timeZone: savedTimeZone,
  sharePracticeLog: savedShare,
}: {
  timeZone: string;
  sharePracticeLog: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [timeZone, setTimeZone] = useState(savedTimeZone);
  const [share, setShare] = useState(savedShare);
  const zones = useMemo(() => timeZoneOptions([savedTimeZone]), [savedTimeZone]);
  const save = useMutation(
    trpc.me.updateClientSettings.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.me.get.queryFilter()),
    }),
  );
  const form = useFormErrors(ids, save);
  const now = timeNowIn(timeZone);
  const changed = timeZone !== savedTimeZone || share !== savedShare;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.clear();
    save.mutate({ timeZone, sharePracticeLog: share });
  };

  return (
    <section className="tend-panel" aria-labelledby="settings-title">
      <h2 id="settings-title">Your settings</h2>
      <form className="tend-form" noValidate onSubmit={submit} aria-label="Your settings">
        <FormError message={save.isError ? form.message : null} problems={form.summary} />
        <SelectField
          id={ids.timeZone}
          label="Your time zone"
          hint={
            now
              ? `Reminders follow this, and never arrive at night. It is ${now} there now.`
              : "Reminders follow this, and never arrive at night."
          }
          value={timeZone}
          options={zones}
          onChange={(e) => setTimeZone(e.target.value)}
          error={form.errors.timeZone}
        />
        <CheckboxField
          id={ids.sharePracticeLog}
          label="Let my therapist see when I practised privately"
          hint="They would see only the day and which practice, never what you wrote. Entries you share are separate, and always your choice."
          checked={share}
          onChange={(e) => setShare(e.target.checked)}
        />
        <div className="tend-actions">
          <Button type="submit" disabled={save.isPending || !changed}>
            {save.isPending ? "Saving…" : "Save settings"}
          </Button>
        </div>
        <Notice>{save.isSuccess && !changed ? "Saved." : null}</Notice>
      </form>
    </section>
  );
}
