import { useQuery } from "@tanstack/react-query";
import { ErrorNotice, Loading } from "@tend/ui";
import { toProblem } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { formatLocalDate } from "../assignments/schedule-in-words.ts";
import { ProgressCharts } from "../progress/progress-charts.tsx";
import { totalInWords } from "../progress/progress-words.ts";

/**
 * On a therapist's client page: progress since the last session, built only from what the
 * client shared (and the practice dates they allow), the same charts the review shows.
 */
export function ClientProgressSection({
  clientId,
  clientName,
}: {
  clientId: string;
  clientName: string;
}) {
  const trpc = useTRPC();
  const bundle = useQuery(trpc.review.bundle.queryOptions({ clientId }, { staleTime: 0 }));

  return (
    <section aria-labelledby="progress-title">
      <h2 className="tend-section-title" id="progress-title">
        Progress
      </h2>
      {bundle.isPending ? (
        <Loading label="Loading progress…" />
      ) : bundle.isError ? (
        <ErrorNotice>{toProblem(bundle.error).message}</ErrorNotice>
      ) : (
        <>
          <p className="tend-hint">
            {bundle.data.lastSession
              ? `Since your last session on ${formatLocalDate(bundle.data.lastSession)}.`
              : `The last four weeks, since ${formatLocalDate(bundle.data.periodStart)}.`}{" "}
            Built only from what {clientName} shared with you, and the practice dates they let you
            see.
          </p>
          <p className="tend-big-sentence">
            {totalInWords(bundle.data.totalPractices, clientName, bundle.data.periodStart)}
          </p>
          <ProgressCharts progress={bundle.data} who={clientName} headingLevel={3} />
        </>
      )}
    </section>
  );
}
