import { useQuery } from "@tanstack/react-query";
import { Button, ErrorNotice, Loading, Notice } from "@tend/ui";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { toProblem } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { AssignmentForm } from "./assignment-form.tsx";
import { AssignmentList } from "./assignment-list.tsx";
import { ClientEntries } from "./client-entries.tsx";

/**
 * The practice part of a therapist's client page: assign an exercise, the assignments with their
 * schedules, what the client shared, and the private practice log.
 * `?assign=<exerciseId>` opens the form with that exercise chosen (from the library).
 */
export function ClientPracticeSection({
  clientId,
  clientName,
  timeZone,
}: {
  clientId: string;
  clientName: string;
  timeZone: string;
}) {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const preselected = params.get("assign") ?? undefined;
  const [assigning, setAssigning] = useState(Boolean(preselected));
  const [saved, setSaved] = useState<string | null>(null);
  const assignments = useQuery(
    trpc.assignments.listForClient.queryOptions({ clientId }, { staleTime: 0 }),
  );

  const closeForm = () => {
    setAssigning(false);
    if (preselected) {
      params.delete("assign");
      setParams(params, { replace: true });
    }
  };

  return (
    <>
      <section aria-labelledby="practice-title">
        <div className="tend-entry-header">
          <h2 className="tend-section-title" id="practice-title">
            Practice
          </h2>
          {assigning ? null : (
            <Button
              onClick={() => {
                setSaved(null);
                setAssigning(true);
              }}
            >
              Assign an exercise
            </Button>
          )}
        </div>
        <Notice>{saved}</Notice>
        {assigning ? (
          <div className="tend-panel">
            <h3 className="tend-panel-title">Assign an exercise</h3>
            <AssignmentForm
              clientId={clientId}
              clientName={clientName}
              timeZone={timeZone}
              initialExerciseId={preselected}
              onDone={(a) => {
                closeForm();
                setSaved(`${a.exerciseTitle} is now on ${clientName}'s Today.`);
              }}
              onCancel={closeForm}
            />
          </div>
        ) : null}
        {assignments.isPending ? (
          <Loading label="Loading assignments…" />
        ) : assignments.isError ? (
          <ErrorNotice>{toProblem(assignments.error).message}</ErrorNotice>
        ) : (
          <AssignmentList
            assignments={assignments.data}
            clientId={clientId}
            clientName={clientName}
            timeZone={timeZone}
          />
        )}
      </section>
      <ClientEntries clientId={clientId} clientName={clientName} />
    </>
  );
}
