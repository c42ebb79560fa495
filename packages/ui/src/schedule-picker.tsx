import { Button } from "./button.tsx";
import { RadioGroupField } from "./radio-group-field.tsx";

/** The schedule being edited: both kinds' fields are kept, so switching back loses nothing. */
export type ScheduleDraft = {
  kind: "days" | "flexible";
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Local "HH:MM" times. */
  times: string[];
  timesPerWeek: number;
};

export type ScheduleProblems = { days?: string; times?: string; timesPerWeek?: string };

export const WEEKDAYS = [
  { day: 1, short: "Mon", long: "Monday" },
  { day: 2, short: "Tue", long: "Tuesday" },
  { day: 3, short: "Wed", long: "Wednesday" },
  { day: 4, short: "Thu", long: "Thursday" },
  { day: 5, short: "Fri", long: "Friday" },
  { day: 6, short: "Sat", long: "Saturday" },
  { day: 7, short: "Sun", long: "Sunday" },
] as const;

export const MAX_TIMES = 4;

/** Ids of the controls an error summary can link to. */
export function scheduleFieldIds(idBase: string) {
  return {
    kind: `${idBase}-kind`,
    days: `${idBase}-day-1`,
    times: `${idBase}-time-0`,
    timesPerWeek: `${idBase}-per-week`,
  };
}

/**
 * When to practise: chosen weekdays at one or more local times, or a number of times a week
 * whenever suits. Times are the client's own wall-clock times.
 */
export function SchedulePicker({
  idBase,
  value,
  onChange,
  problems = {},
  timeZoneNote,
}: {
  idBase: string;
  value: ScheduleDraft;
  onChange: (value: ScheduleDraft) => void;
  problems?: ScheduleProblems;
  /** e.g. "Times are in Alex's time zone (Europe/London)." */
  timeZoneNote?: string;
}) {
  const ids = scheduleFieldIds(idBase);
  const set = (patch: Partial<ScheduleDraft>) => onChange({ ...value, ...patch });
  return (
    <div className="tend-schedule">
      <RadioGroupField
        id={ids.kind}
        legend="When"
        name={`${idBase}-kind`}
        value={value.kind}
        onChange={(kind) => set({ kind })}
        options={[
          { value: "days", label: "On chosen days, at set times" },
          { value: "flexible", label: "A number of times a week, whenever suits" },
        ]}
      />
      {value.kind === "days" ? (
        <>
          <fieldset
            className={`tend-fieldset${problems.days ? " tend-field-invalid" : ""}`}
            aria-describedby={problems.days ? `${ids.days}-error` : undefined}
          >
            <legend className="tend-label">Days</legend>
            {problems.days ? (
              <p className="tend-field-error" id={`${ids.days}-error`}>
                {problems.days}
              </p>
            ) : null}
            <div className="tend-day-chips">
              {WEEKDAYS.map((d) => {
                const on = value.days.includes(d.day);
                const id = `${idBase}-day-${d.day}`;
                return (
                  <label key={d.day} className={`tend-chip${on ? " is-on" : ""}`} htmlFor={id}>
                    <input
                      type="checkbox"
                      id={id}
                      checked={on}
                      onChange={(e) =>
                        set({
                          days: e.target.checked
                            ? [...value.days, d.day].sort((a, b) => a - b)
                            : value.days.filter((x) => x !== d.day),
                        })
                      }
                    />
                    <span aria-hidden="true">{d.short}</span>
                    <span className="tend-visually-hidden">{d.long}</span>
                  </label>
                );
              })}
            </div>
          </fieldset>
          <fieldset
            className={`tend-fieldset${problems.times ? " tend-field-invalid" : ""}`}
            aria-describedby={
              [timeZoneNote ? `${idBase}-tz` : null, problems.times ? `${ids.times}-error` : null]
                .filter(Boolean)
                .join(" ") || undefined
            }
          >
            <legend className="tend-label">Times</legend>
            {timeZoneNote ? (
              <p className="tend-hint" id={`${idBase}-tz`}>
                {timeZoneNote}
              </p>
            ) : null}
            {problems.times ? (
              <p className="tend-field-error" id={`${ids.times}-error`}>
                {problems.times}
              </p>
            ) : null}
            <ul className="tend-time-list">
              {value.times.map((time, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: times are edited in place by position
                <li key={i} className="tend-time-row">
                  <input
                    type="time"
                    id={`${idBase}-time-${i}`}
                    className="tend-input tend-time-input"
                    aria-label={value.times.length > 1 ? `Time ${i + 1}` : "Time"}
                    value={time}
                    step={300}
                    onChange={(e) =>
                      set({ times: value.times.map((t, j) => (j === i ? e.target.value : t)) })
                    }
                  />
                  {value.times.length > 1 ? (
                    <Button
                      variant="quiet"
                      onClick={() => set({ times: value.times.filter((_, j) => j !== i) })}
                      aria-label={`Remove time ${i + 1}${time ? ` (${time})` : ""}`}
                    >
                      Remove
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
            {value.times.length < MAX_TIMES ? (
              <div>
                <Button variant="secondary" onClick={() => set({ times: [...value.times, ""] })}>
                  Add another time
                </Button>
              </div>
            ) : null}
          </fieldset>
        </>
      ) : (
        <div className={`tend-field${problems.timesPerWeek ? " tend-field-invalid" : ""}`}>
          <label className="tend-label" htmlFor={ids.timesPerWeek}>
            Times a week
          </label>
          <p className="tend-hint" id={`${ids.timesPerWeek}-hint`}>
            The client picks the moments. Between 1 and 14.
          </p>
          {problems.timesPerWeek ? (
            <p className="tend-field-error" id={`${ids.timesPerWeek}-error`}>
              {problems.timesPerWeek}
            </p>
          ) : null}
          <input
            type="number"
            id={ids.timesPerWeek}
            className="tend-input tend-number-input"
            min={1}
            max={14}
            inputMode="numeric"
            value={Number.isFinite(value.timesPerWeek) ? value.timesPerWeek : ""}
            aria-invalid={problems.timesPerWeek ? true : undefined}
            aria-describedby={`${ids.timesPerWeek}-hint${problems.timesPerWeek ? ` ${ids.timesPerWeek}-error` : ""}`}
            onChange={(e) => set({ timesPerWeek: e.target.valueAsNumber })}
          />
        </div>
      )}
    </div>
  );
}
