import { useQuery } from "@tanstack/react-query";
import { Card, EmptyState, ErrorNotice, Loading, PageHeader } from "@tend/ui";
import { Link } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";

export function LibraryPage() {
  const trpc = useTRPC();
  const library = useQuery(trpc.exercise.listLibrary.queryOptions());

  return (
    <>
      <PageHeader
        title="Exercise library"
        lead="Self-compassion practices to assign between sessions. Open one to see it exactly as your client will."
      />
      {library.isPending ? (
        <Loading label="Loading the library…" />
      ) : library.isError ? (
        <ErrorNotice>We could not reach the server. Please try again in a moment.</ErrorNotice>
      ) : library.data.length === 0 ? (
        <EmptyState>The library is empty.</EmptyState>
      ) : (
        <ul className="tend-grid" aria-label="Exercises">
          {library.data.map((exercise) => (
            <Card
              as="li"
              key={exercise.id}
              title={exercise.definition.title}
              meta={`About ${exercise.definition.minutes} minutes · ${exercise.definition.steps.length} steps`}
              footer={
                <Link
                  to={`/library/${exercise.slug}`}
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
      )}
    </>
  );
}
