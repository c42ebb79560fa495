import { Button, TextField } from "@tend/ui";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { formatLocalDate } from "../assignments/schedule-in-words.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Which stretch of time the review covers: since the last session (or the last four weeks),
 * with a way to start it on another date, and back.
 */
export function ReviewPeriod({
  periodStart,
  lastSession,
  chosen,
  today,
  onChoose,
}: {
  periodStart: string;
  lastSession: string | null;
  /** The start date picked here, if any (otherwise the default above applies). */
  chosen: string | null;
  today: string;
  onChoose: (from: string | null) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(periodStart);
  const [problem, setProblem] = useState<string | undefined>();
  const dateField = useRef<HTMLInputElement>(null);
  const changeButton = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  // Opening the form puts the cursor in the date; closing it puts focus back on the button.
  useEffect(() => {
    if (editing) dateField.current?.focus();
    else if (opened.current) changeButton.current?.focus();
    opened.current ||= editing;
  }, [editing]);

  const sentence = chosen
    ? `Since ${formatLocalDate(periodStart)}, a start date chosen here.`
    : lastSession
      ? `Since your last session on ${formatLocalDate(lastSession)}.`
      : `The last four weeks, since ${formatLocalDate(periodStart)}.`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!DATE.test(value)) return setProblem("Please choose a date.");
    if (value > today) return setProblem("Please choose today or a day before it.");
    setProblem(undefined);
    setEditing(false);
    onChoose(value);
  };

  return (
    <div className="tend-review-period">
      <p className="tend-big-sentence" id="review-period-sentence">
        {sentence}
      </p>
      {editing ? (
        <form
          className="tend-inline-form"
          noValidate
          onSubmit={submit}
          aria-label="Change the start date"
        >
          <TextField
            ref={dateField}
            type="date"
            label="Start the review on"
            value={value}
            max={today}
            onChange={(e) => setValue(e.target.value)}
            error={problem}
          />
          <div className="tend-actions">
            <Button type="submit">Show from this date</Button>
            <Button variant="secondary" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="tend-actions">
          <Button ref={changeButton} variant="secondary" onClick={() => setEditing(true)}>
            Change the start date
          </Button>
          {chosen ? (
            <Button variant="quiet" onClick={() => onChoose(null)}>
              {lastSession ? "Back to since the last session" : "Back to the last four weeks"}
            </Button>
          ) : null}
        </div>
      )}
    </div>
  );
}
