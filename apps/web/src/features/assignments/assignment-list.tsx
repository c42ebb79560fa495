import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, ConfirmDialog, Dialog, ErrorNotice } from "@tend/ui";
import { useState } from "react";
import { toProblem } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { type Assignment, AssignmentForm } from "./assignment-form.tsx";
import { datesInWords, scheduleInWords } from "./schedule-in-words.ts";

const STATUS_WORDS: Record<Assignment["status"], string> = {
  active: "Active",
  paused: "Paused",
  ended: "Ended",
};

/** One client's assignments: the schedule in words, and change, pause or resume, end. */
export function AssignmentList({
  assignments,
  clientId,
  clientName,
  timeZone,
  onChanged,
}: {
  assignments: Assignment[];
  clientId: string;
  clientName: string;
  timeZone: string;
  /** Told what changed, in a sentence to show ("Soothing touch is paused."). */
  onChanged?: (message: string) => void;
}) {
  const current = assignments.filter((a) => a.status !== "ended");
  const ended = assignments.filter((a) => a.status === "ended");
  return (
    <>
      {current.length === 0 ? (
        <p className="tend-empty">Nothing assigned at the moment.</p>
      ) : (
        <ul className="tend-practice-list" aria-label={`${clientName}'s practice`}>
          {current.map((a) => (
            <AssignmentRow
              key={a.id}
              assignment={a}
              clientId={clientId}
              clientName={clientName}
              timeZone={timeZone}
              onChanged={onChanged}
            />
          ))}
        </ul>
      )}
      {ended.length > 0 ? (
        <details className="tend-ended">
          <summary className="tend-summary">Ended ({ended.length})</summary>
          <ul className="tend-practice-list">
            {ended.map((a) => (
              <AssignmentRow
                key={a.id}
                assignment={a}
                clientId={clientId}
                clientName={clientName}
                timeZone={timeZone}
              />
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

const STATUS_DONE: Record<"pause" | "resume" | "end", string> = {
  pause: "is paused",
  resume: "is back on",
  end: "has ended",
};

function AssignmentRow({
  assignment: a,
  clientId,
  clientName,
  timeZone,
  onChanged,
}: {
  assignment: Assignment;
  clientId: string;
  clientName: string;
  timeZone: string;
  onChanged?: ((message: string) => void) | undefined;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [ending, setEnding] = useState(false);
  const status = useMutation(
    trpc.assignments.setStatus.mutationOptions({
      onSuccess: (_, input) => {
        setEnding(false);
        onChanged?.(`${a.exerciseTitle} ${STATUS_DONE[input.action]}.`);
        void queryClient.invalidateQueries({
          queryKey: trpc.assignments.listForClient.queryKey({ clientId }),
        });
      },
    }),
  );
  const titleId = `assignment-${a.id}`;

  return (
    <li className={`tend-practice-item${a.status === "active" ? "" : " is-done"}`}>
      <div className="tend-practice-item-main">
        <p className="tend-practice-item-title" id={titleId}>
          {a.exerciseTitle}{" "}
          {a.status === "active" ? null : (
            <span className="tend-pill tend-pill-quiet">{STATUS_WORDS[a.status]}</span>
          )}
        </p>
        <p className="tend-practice-item-meta">{scheduleInWords(a.schedule)}</p>
        <p className="tend-practice-item-meta">
          {datesInWords(a.startDate, a.endDate)} · reminders {a.remindersEnabled ? "on" : "off"}
        </p>
        {a.note ? (
          <p className="tend-therapist-note">
            <strong>Your note</strong>
            {a.note}
          </p>
        ) : null}
        {status.isError ? (
          <ErrorNotice title="That did not change">{toProblem(status.error).message}</ErrorNotice>
        ) : null}
      </div>
      {a.status === "ended" ? null : (
        <div className="tend-row-actions">
          <Button
            variant="secondary"
            onClick={() => setEditing(true)}
            aria-label={`Change ${a.exerciseTitle}`}
          >
            Change
          </Button>
          <Button
            variant="secondary"
            disabled={status.isPending}
            onClick={() =>
              status.mutate({ id: a.id, action: a.status === "paused" ? "resume" : "pause" })
            }
            aria-label={`${a.status === "paused" ? "Resume" : "Pause"} ${a.exerciseTitle}`}
          >
            {a.status === "paused" ? "Resume" : "Pause"}
          </Button>
          <Button
            variant="quiet"
            onClick={() => setEnding(true)}
            aria-label={`End ${a.exerciseTitle}`}
          >
            End
          </Button>
        </div>
      )}
      <Dialog open={editing} onClose={() => setEditing(false)} title={`Change ${a.exerciseTitle}`}>
        <AssignmentForm
          clientId={clientId}
          clientName={clientName}
          timeZone={timeZone}
          existing={a}
          onDone={() => {
            setEditing(false);
            onChanged?.(`Changes to ${a.exerciseTitle} are saved.`);
          }}
          onCancel={() => setEditing(false)}
        />
      </Dialog>
      <ConfirmDialog
        open={ending}
        title={`End ${a.exerciseTitle}?`}
        confirmLabel="End it"
        cancelLabel="Keep it"
        pending={status.isPending}
        error={status.isError ? toProblem(status.error).message : null}
        onCancel={() => setEnding(false)}
        onConfirm={() => status.mutate({ id: a.id, action: "end" })}
      >
        {`It leaves ${clientName}'s Today and no more reminders are sent. Everything ${clientName} has already written stays as it is. To stop for a while instead, pause it.`}
      </ConfirmDialog>
    </li>
  );
}
