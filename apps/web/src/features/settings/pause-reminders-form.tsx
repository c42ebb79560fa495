import { Button, FormError, SelectField, TextField } from "@tend/ui";
import { type FormEvent, useState } from "react";
import { toProblem } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { addDays, localDateAt, localToInstant } from "../../lib/zoned-time.ts";
import { formatLocalDate } from "../assignments/schedule-in-words.ts";
import { useUpdateSettings } from "./use-update-settings.ts";

const PAUSES = [
  { value: "1", label: "For a day" },
  { value: "3", label: "For 3 days" },
  { value: "7", label: "For a week" },
  { value: "14", label: "For 2 weeks" },
  { value: "date", label: "Until a date I choose" },
];

/** Pause reminders for some days or until a date; while paused, say until when, and resume. */
export function PauseRemindersForm({
  pausedUntil,
  timeZone,
  onSaved,
}: {
  pausedUntil: Date | null;
  timeZone: string;
  onSaved: (message: string) => void;
}) {
  const save = useUpdateSettings();
  const today = localDateAt(new Date(), timeZone);
  const [length, setLength] = useState("3");
  const [until, setUntil] = useState(addDays(today, 7));
  const [problem, setProblem] = useState<string | undefined>();

  if (pausedUntil)
    return (
      <div className="tend-subpanel">
        <h3 className="tend-panel-title" id="pause-title">
          Resting for now
        </h3>
        <p>
          Reminders are paused until {formatDateTime(pausedUntil)}. They start again by themselves.
        </p>
        <FormError message={save.isError ? toProblem(save.error).message : null} />
        <div className="tend-actions">
          <Button
            variant="secondary"
            disabled={save.isPending}
            onClick={() =>
              save.mutate(
                { remindersPausedUntil: null },
                { onSuccess: () => onSaved("Reminders are back on from now.") },
              )
            }
          >
            {save.isPending ? "One moment…" : "Resume reminders now"}
          </Button>
        </div>
      </div>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let at: Date;
    if (length === "date") {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || until <= today) {
        setProblem("Please choose a date after today.");
        return;
      }
      at = localToInstant(until, "00:00", timeZone);
    } else {
      at = new Date(Date.now() + Number(length) * 24 * 3600_000);
    }
    setProblem(undefined);
    save.mutate(
      { remindersPausedUntil: at.toISOString() },
      {
        onSuccess: () =>
          onSaved(
            length === "date"
              ? `Reminders are paused. They start again on ${formatLocalDate(until)}.`
              : `Reminders are paused until ${formatDateTime(at)}.`,
          ),
      },
    );
  };

  return (
    <form
      className="tend-subpanel tend-form"
      noValidate
      onSubmit={submit}
      aria-labelledby="pause-title"
    >
      <h3 className="tend-panel-title" id="pause-title">
        Pause reminders for a while
      </h3>
      <p className="tend-hint">
        For a hard week, a trip, or no reason at all. Your practice stays on Today, and nothing
        piles up.
      </p>
      <FormError message={save.isError ? toProblem(save.error).message : null} />
      <SelectField
        label="How long"
        value={length}
        options={PAUSES}
        onChange={(e) => setLength(e.target.value)}
      />
      {length === "date" ? (
        <TextField
          type="date"
          label="Reminders start again on"
          value={until}
          min={addDays(today, 1)}
          onChange={(e) => setUntil(e.target.value)}
          error={problem}
        />
      ) : null}
      <div className="tend-actions">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Pausing…" : "Pause reminders"}
        </Button>
      </div>
    </form>
  );
}
