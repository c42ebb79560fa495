import { useQuery } from "@tanstack/react-query";
import { Card, EmptyState, ErrorNotice, Loading, PageHeader } from "@tend/ui";
import { Link } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import type { RouterOutputs } from "../../lib/trpc-types.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";

type LibraryExercise = RouterOutputs["exercise"]["listLibrary"][number];

function ExerciseCards({ exercises, label }: { exercises: LibraryExercise[]; label: string }) {
  return (
    <ul className="tend-grid" aria-label={label}>
      {exercises.map((exercise) => (
        <Card
          as="li"
          key={exercise.id}
          title={exercise.definition.title}
          meta={`About ${exercise.definition.minutes} minutes · ${exercise.definition.steps.length} steps`}
          footer={
            <Link
              to={`/library/${exercise.slug ?? exercise.id}`}
              aria-label={`Preview ${exercise.definition.title}`}
            >
              Preview
            </Link>
          }
        >
          <p>{exercise.definition.purpose}</p>
        </Card>
      ))}
    </ul>
  );
}

export function LibraryPage() {
  useDocumentTitle("Exercise library");
  const trpc = useTRPC();
  const library = useQuery(trpc.exercise.listLibrary.queryOptions());
  const own = library.data?.filter((e) => !e.builtIn) ?? [];
  const builtIn = library.data?.filter((e) => e.builtIn) ?? [];

  return (
    <>
      <PageHeader
        title="Exercise library"
        lead="Self-compassion practices to assign between sessions. Open one to see it exactly as your client will, or make your own version."
      >
        <Link className="tend-button tend-button-primary" to="/library/new">
          New exercise
        </Link>
      </PageHeader>
      {library.isPending ? (
        <Loading label="Loading the library…" />
      ) : library.isError ? (
        <ErrorNotice>We could not reach the server. Please try again in a moment.</ErrorNotice>
      ) : library.data.length === 0 ? (
        <EmptyState>The library is empty.</EmptyState>
      ) : (
        <>
          {own.length > 0 ? (
            <section aria-labelledby="own-exercises">
              <h2 className="tend-section-title" id="own-exercises">
                Your own exercises
              </h2>
              <ExerciseCards exercises={own} label="Your exercises" />
            </section>
          ) : null}
          <section aria-label="Built-in exercises">
            {own.length > 0 ? <h2 className="tend-section-title">Built-in exercises</h2> : null}
            <ExerciseCards exercises={builtIn} label="Exercises" />
          </section>
        </>
      )}
    </>
  );
}
