import { useQuery } from "@tanstack/react-query";
import { Button, ErrorNotice, Loading, Notice } from "@tend/ui";
import { useState } from "react";
import { toProblem } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { AssignmentForm } from "../assignments/assignment-form.tsx";
import { AssignmentList } from "../assignments/assignment-list.tsx";
import { WeekNoteForm } from "./week-note-form.tsx";

/**
 * Next steps, decided together: change a schedule, pause or end a practice, add one, and
 * write the note for the week. Every change is saved at once and said so on screen.
 */
export function NextStepsPanel({
  clientId,
  clientName,
  timeZone,
  weekNote,
}: {
  clientId: string;
  clientName: string;
  timeZone: string;
  weekNote: string;
}) {
  const trpc = useTRPC();
  const assignments = useQuery(
    trpc.assignments.listForClient.queryOptions({ clientId }, { staleTime: 0 }),
  );
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section className="tend-panel tend-next-steps" aria-labelledby="next-steps-title">
      <h2 id="next-steps-title">Next steps</h2>
      <p className="tend-lead">
        Adjust the practice together. Changes are saved as soon as you make them, and {clientName}{" "}
        sees them on their Today page.
      </p>
      <Notice>{notice}</Notice>

      <h3 className="tend-panel-title">Practice for the coming week</h3>
      {assignments.isPending ? (
        <Loading label="Loading the practice…" />
      ) : assignments.isError ? (
        <ErrorNotice>{toProblem(assignments.error).message}</ErrorNotice>
      ) : (
        <AssignmentList
          assignments={assignments.data}
          clientId={clientId}
          clientName={clientName}
          timeZone={timeZone}
          onChanged={setNotice}
        />
      )}
      {adding ? (
        <div className="tend-subpanel">
          <h3 className="tend-panel-title">Add a practice</h3>
          <AssignmentForm
            clientId={clientId}
            clientName={clientName}
            timeZone={timeZone}
            onDone={(a) => {
              setAdding(false);
              setNotice(`${a.exerciseTitle} is added to ${clientName}'s practice.`);
            }}
            onCancel={() => setAdding(false)}
          />
        </div>
      ) : (
        <div className="tend-actions tend-after-list">
          <Button
            variant="secondary"
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            Add a practice
          </Button>
        </div>
      )}

      <h3 className="tend-panel-title" id="week-note-title">
        The note for the week
      </h3>
      <WeekNoteForm clientId={clientId} clientName={clientName} saved={weekNote} />
    </section>
  );
}
