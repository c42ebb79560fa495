import { useQuery } from "@tanstack/react-query";
import { Button, ErrorNotice } from "@tend/ui";
import { toProblem } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useStartPractice } from "../practice/use-start-practice.ts";

const SLUG = "weekly-reflection";

/** An invitation to look back on the week: starts the weekly reflection exercise. */
export function WeeklyReflectionPanel({ therapistName }: { therapistName: string }) {
  const trpc = useTRPC();
  const library = useQuery(trpc.exercise.listLibrary.queryOptions());
  const start = useStartPractice();
  const exercise = library.data?.find((e) => e.slug === SLUG);

  return (
    <section className="tend-panel" aria-labelledby="reflection-title">
      <h2 id="reflection-title">Your weekly reflection</h2>
      <p className="tend-lead">
        A few quiet minutes to look back: what you noticed, what felt even slightly different, and
        what you might like to bring to your next session with {therapistName}. It stays private
        unless you choose to share it.
      </p>
      {start.isError ? (
        <ErrorNotice title="That did not open">{toProblem(start.error).message}</ErrorNotice>
      ) : null}
      {library.isError ? (
        <ErrorNotice>{toProblem(library.error).message}</ErrorNotice>
      ) : (
        <div className="tend-actions">
          <Button
            disabled={!exercise || start.isPending}
            onClick={() => exercise && start.mutate({ exerciseId: exercise.id })}
          >
            {start.isPending ? "Opening…" : "Start your weekly reflection"}
          </Button>
          <span className="tend-hint">
            About {exercise?.definition.minutes ?? 10} minutes, whenever suits you.
          </span>
        </div>
      )}
    </section>
  );
}
