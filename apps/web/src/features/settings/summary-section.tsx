import { Button, FormError, Notice, SelectField, TextField } from "@tend/ui";
import { type FormEvent, useState } from "react";
import { toProblem } from "../../lib/errors.ts";
import { SettingSwitch } from "./setting-switch.tsx";
import { useUpdateSettings } from "./use-update-settings.ts";

const DAYS = [
  { value: "1", label: "Monday" },
  { value: "2", label: "Tuesday" },
  { value: "3", label: "Wednesday" },
  { value: "4", label: "Thursday" },
  { value: "5", label: "Friday" },
  { value: "6", label: "Saturday" },
  { value: "7", label: "Sunday" },
];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The weekly summary: on or off, which day and time, and whether it may quote the client's words. */
export function SummarySection({
  summaryEmails,
  summaryDay,
  summaryTime,
  quoteWordsInSummary,
}: {
  summaryEmails: boolean;
  summaryDay: number;
  summaryTime: string;
  quoteWordsInSummary: boolean;
}) {
  const [day, setDay] = useState(String(summaryDay));
  const [time, setTime] = useState(summaryTime);
  const [problem, setProblem] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const save = useUpdateSettings(() => setSaved(true));
  const changed = day !== String(summaryDay) || time !== summaryTime;
  const dayName = DAYS.find((d) => d.value === day)?.label ?? "";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!TIME.test(time)) {
      setProblem("Please give a time like 18:00.");
      return;
    }
    setProblem(undefined);
    save.mutate({ summaryDay: Number(day), summaryTime: time });
  };

  return (
    <section className="tend-panel" aria-labelledby="summary-title">
      <h2 id="summary-title">Your weekly summary</h2>
      <p className="tend-lead">
        Once a week, a short note about your week of practice, written for you. A quiet week gets a
        gentle one.
      </p>
      <Notice>{notice}</Notice>
      <SettingSwitch
        setting="summaryEmails"
        value={summaryEmails}
        label="Email me a weekly summary"
        onSaved={(on) =>
          setNotice(on ? "Your weekly summary is on." : "Your weekly summary is off.")
        }
      />
      {summaryEmails ? (
        <>
          <form
            className="tend-subpanel tend-form"
            noValidate
            onSubmit={submit}
            aria-labelledby="summary-when-title"
          >
            <h3 className="tend-panel-title" id="summary-when-title">
              When it arrives
            </h3>
            <FormError
              message={save.isError ? toProblem(save.error).message : null}
              problems={problem ? [{ fieldId: "summary-time", message: problem }] : []}
            />
            <div className="tend-two-col">
              <SelectField
                label="Day"
                value={day}
                options={DAYS}
                onChange={(e) => {
                  setDay(e.target.value);
                  setSaved(false);
                }}
              />
              <TextField
                id="summary-time"
                type="time"
                label="Time"
                value={time}
                onChange={(e) => {
                  setTime(e.target.value);
                  setSaved(false);
                }}
                error={problem}
              />
            </div>
            <div className="tend-actions">
              <Button type="submit" disabled={save.isPending || !changed}>
                {save.isPending ? "Saving…" : "Save day and time"}
              </Button>
            </div>
            <Notice>{saved && !changed ? `Saved: ${dayName}s at ${time}.` : null}</Notice>
          </form>
          <div className="tend-subpanel">
            <SettingSwitch
              setting="quoteWordsInSummary"
              value={quoteWordsInSummary}
              label="Quote my own words in my summary"
              hint="Your summary can include a line you wrote that week, such as a kinder version you found. Off, it mentions only what you practised. It goes only to you."
              onSaved={(on) =>
                setNotice(
                  on
                    ? "Your summary may quote your own words."
                    : "Your summary will not quote your words.",
                )
              }
            />
          </div>
        </>
      ) : null}
    </section>
  );
}
