import { Button, FormError, Notice, TextField } from "@tend/ui";
import { type FormEvent, useState } from "react";
import { toProblem } from "../../lib/errors.ts";
import { useUpdateSettings } from "./use-update-settings.ts";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The hours when no reminder arrives, in the client's own time zone. */
export function QuietHoursForm({
  quietStart,
  quietEnd,
  timeZone,
}: {
  quietStart: string;
  quietEnd: string;
  timeZone: string;
}) {
  const [start, setStart] = useState(quietStart);
  const [end, setEnd] = useState(quietEnd);
  const [problems, setProblems] = useState<{ start?: string; end?: string }>({});
  const [saved, setSaved] = useState(false);
  const save = useUpdateSettings(() => setSaved(true));
  const changed = start !== quietStart || end !== quietEnd;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      start: TIME.test(start) ? undefined : "Please give a time like 21:00.",
      end: TIME.test(end) ? undefined : "Please give a time like 08:00.",
    };
    setProblems(found);
    setSaved(false);
    if (found.start || found.end) return;
    save.mutate({ quietStart: start, quietEnd: end });
  };

  return (
    <form
      className="tend-subpanel tend-form"
      noValidate
      onSubmit={submit}
      aria-labelledby="quiet-title"
    >
      <h3 className="tend-panel-title" id="quiet-title">
        Quiet hours
      </h3>
      <p className="tend-hint">
        No reminder arrives between these times, in your time zone ({timeZone.replace(/_/g, " ")}).
        One planned for then waits until the quiet hours end.
      </p>
      <FormError
        message={save.isError ? toProblem(save.error).message : null}
        problems={[
          ...(problems.start ? [{ fieldId: "quiet-start", message: problems.start }] : []),
          ...(problems.end ? [{ fieldId: "quiet-end", message: problems.end }] : []),
        ]}
      />
      <div className="tend-two-col">
        <TextField
          id="quiet-start"
          type="time"
          label="Quiet from"
          value={start}
          onChange={(e) => {
            setStart(e.target.value);
            setSaved(false);
          }}
          error={problems.start}
        />
        <TextField
          id="quiet-end"
          type="time"
          label="Until"
          value={end}
          onChange={(e) => {
            setEnd(e.target.value);
            setSaved(false);
          }}
          error={problems.end}
        />
      </div>
      <div className="tend-actions">
        <Button type="submit" disabled={save.isPending || !changed}>
          {save.isPending ? "Saving…" : "Save quiet hours"}
        </Button>
      </div>
      <Notice>{saved && !changed ? `Saved: quiet from ${start} until ${end}.` : null}</Notice>
    </form>
  );
}
