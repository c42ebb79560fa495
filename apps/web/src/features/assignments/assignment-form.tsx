import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  CheckboxField,
  FormError,
  LongTextField,
  SchedulePicker,
  SelectField,
  scheduleFieldIds,
  TextField,
} from "@tend/ui";
import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router";
import { toProblem } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import type { RouterOutputs } from "../../lib/trpc-types.ts";
import {
  type AssignmentDraft,
  type AssignmentField,
  assignmentProblems,
  blankAssignment,
  draftFromAssignment,
  fieldOfIssuePath,
  scheduleFromDraft,
  todayIn,
} from "./assignment-draft.ts";

export type Assignment = RouterOutputs["assignments"]["listForClient"][number];

const ORDER: AssignmentField[] = [
  "exerciseId",
  "note",
  "days",
  "times",
  "timesPerWeek",
  "startDate",
  "endDate",
];

/**
 * Assign an exercise to one client, or change an assignment: the exercise, a personal note,
 * when (weekdays and times, or N times a week), the dates, and whether to send reminders.
 */
export function AssignmentForm({
  clientId,
  clientName,
  timeZone,
  existing,
  initialExerciseId,
  onDone,
  onCancel,
}: {
  clientId: string;
  clientName: string;
  timeZone: string;
  existing?: Assignment;
  initialExerciseId?: string;
  onDone: (saved: Assignment) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const base = `assign${useId().replace(/:/g, "")}`;
  const ids: Record<AssignmentField, string> = {
    exerciseId: `${base}-exercise`,
    note: `${base}-note`,
    ...(({ days, times, timesPerWeek }) => ({ days, times, timesPerWeek }))(
      scheduleFieldIds(`${base}-schedule`),
    ),
    startDate: `${base}-start`,
    endDate: `${base}-end`,
  };
  const library = useQuery(trpc.exercise.listLibrary.queryOptions());
  const [draft, setDraft] = useState<AssignmentDraft>(() =>
    existing
      ? draftFromAssignment(existing)
      : blankAssignment(todayIn(timeZone), initialExerciseId),
  );
  const [local, setLocal] = useState<Partial<Record<AssignmentField, string>>>({});
  const set = (patch: Partial<AssignmentDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const onSaved = (saved: Assignment) => {
    void queryClient.invalidateQueries({
      queryKey: trpc.assignments.listForClient.queryKey({ clientId }),
    });
    onDone(saved);
  };
  const create = useMutation(trpc.assignments.create.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.assignments.update.mutationOptions({ onSuccess: onSaved }));
  const mutation = existing ? update : create;

  const serverProblem = mutation.error ? toProblem(mutation.error) : null;
  const errors: Partial<Record<AssignmentField, string>> = { ...local };
  for (const [path, message] of Object.entries(serverProblem?.fields ?? {})) {
    const field = fieldOfIssuePath(path);
    if (field) errors[field] ??= message;
  }
  const summary = ORDER.flatMap((key) =>
    errors[key] ? [{ fieldId: ids[key], message: errors[key]! }] : [],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = Object.fromEntries(
      Object.entries(assignmentProblems(draft, { editing: Boolean(existing) })).filter(
        ([, m]) => m,
      ),
    ) as Partial<Record<AssignmentField, string>>;
    setLocal(found);
    mutation.reset();
    if (Object.keys(found).length > 0) return;
    const fields = {
      note: draft.note.trim(),
      schedule: scheduleFromDraft(draft.schedule),
      startDate: draft.startDate,
      endDate: draft.endDate || null,
      remindersEnabled: draft.remindersEnabled,
    };
    if (existing) update.mutate({ id: existing.id, ...fields });
    else create.mutate({ clientId, exerciseId: draft.exerciseId, ...fields });
  };

  const exercises = library.data ?? [];
  const chosen = exercises.find((e) => e.id === draft.exerciseId);

  return (
    <form
      className="tend-form tend-assign-form"
      noValidate
      onSubmit={submit}
      aria-label={
        existing ? `Change ${existing.exerciseTitle}` : `Assign an exercise to ${clientName}`
      }
    >
      <FormError message={serverProblem?.message} problems={summary} />
      {existing ? (
        <p>
          <strong>{existing.exerciseTitle}</strong>
          <span className="tend-hint"> · about {existing.exerciseMinutes} minutes</span>
        </p>
      ) : (
        <SelectField
          id={ids.exerciseId}
          label="Exercise"
          value={draft.exerciseId}
          onChange={(e) => set({ exerciseId: e.target.value })}
          error={errors.exerciseId}
          disabled={library.isPending}
          hint={
            chosen ? (
              <>
                {chosen.definition.purpose} About {chosen.definition.minutes} minutes.{" "}
                <Link to={`/library/${chosen.slug ?? chosen.id}`}>Preview it</Link>
              </>
            ) : library.isPending ? (
              "Loading the library…"
            ) : undefined
          }
          options={[
            { value: "", label: "Choose an exercise…" },
            ...exercises.map((e) => ({
              value: e.id,
              label: e.builtIn ? e.definition.title : `${e.definition.title} (yours)`,
            })),
          ]}
        />
      )}
      <LongTextField
        id={ids.note}
        label="A personal note (optional)"
        hint={`${clientName} sees this with the practice. A line of encouragement or a reminder of what you talked about works well.`}
        value={draft.note}
        maxLength={1000}
        onChange={(e) => set({ note: e.target.value })}
        error={errors.note}
      />
      <SchedulePicker
        idBase={`${base}-schedule`}
        value={draft.schedule}
        onChange={(schedule) => set({ schedule })}
        problems={{ days: errors.days, times: errors.times, timesPerWeek: errors.timesPerWeek }}
        timeZoneNote={`Times are ${clientName}'s own local time (${timeZone.replace(/_/g, " ")}).`}
      />
      <div className="tend-two-col">
        <TextField
          id={ids.startDate}
          type="date"
          label="Starts on"
          value={draft.startDate}
          onChange={(e) => set({ startDate: e.target.value })}
          error={errors.startDate}
        />
        <TextField
          id={ids.endDate}
          type="date"
          label="Ends on (optional)"
          hint="Leave empty to keep it going."
          value={draft.endDate}
          min={draft.startDate || undefined}
          onChange={(e) => set({ endDate: e.target.value })}
          error={errors.endDate}
        />
      </div>
      <CheckboxField
        label="Send gentle email reminders"
        hint={`At ${clientName}'s planned times, never at night, and not once they have already practised. They can turn reminders off themselves.`}
        checked={draft.remindersEnabled}
        onChange={(e) => set({ remindersEnabled: e.target.checked })}
      />
      <div className="tend-actions">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : existing ? "Save changes" : "Assign"}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
