import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Step } from "@tend/core";
import { Button, ConfirmDialog, ErrorNotice, Loading, Notice, PageHeader } from "@tend/ui";
import { useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { toProblem } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { ClientPreview } from "./client-preview.tsx";
import { stepKindLabel } from "./step-kind-label.ts";

function StepSummary({ step }: { step: Step }) {
  switch (step.kind) {
    case "prompt":
      return (
        <>
          {step.title ? <h3>{step.title}</h3> : null}
          <p>{step.body}</p>
        </>
      );
    case "reframe":
      return (
        <>
          <p>{step.harshLabel}</p>
          <p>{step.kinderLabel}</p>
          <p>
            Both versions are rated on:{" "}
            {step.scales.map((s) => (
              <span key={s.id} className="tend-pill">
                {s.left} ↔ {s.right}
              </span>
            ))}
          </p>
        </>
      );
    case "bipolar":
      return (
        <>
          <p>{step.label}</p>
          <p className="tend-scale-poles">
            <span>{step.scale.left}</span>
            <span>{step.scale.right}</span>
          </p>
        </>
      );
    case "choice":
      return (
        <>
          <p>{step.label}</p>
          <ul>
            {step.options.map((o) => (
              <li key={o.id}>{o.label}</li>
            ))}
          </ul>
        </>
      );
    case "checklist":
      return (
        <>
          <p>{step.label}</p>
          <ul>
            {step.items.map((o) => (
              <li key={o.id}>{o.label}</li>
            ))}
          </ul>
        </>
      );
    case "timer":
      return (
        <p>
          {step.label} ({Math.round(step.seconds / 60)} min)
        </p>
      );
    default:
      return <p>{step.label}</p>;
  }
}

/**
 * /library/:slug (a built-in exercise) or /library/:id (the therapist's own): the exercise
 * exactly as the client will see it, step by step, beside all its steps at a glance.
 */
export function ExercisePreviewPage() {
  const { slug } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const savedVersion = (location.state as { savedVersion?: number } | null)?.savedVersion;
  const library = useQuery(trpc.exercise.listLibrary.queryOptions());
  const me = useQuery(trpc.me.get.queryOptions());
  const [archiving, setArchiving] = useState(false);
  const archive = useMutation(
    trpc.exercise.archive.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.exercise.listLibrary.queryKey() });
        navigate("/library", { replace: true });
      },
    }),
  );
  const exercise = library.data?.find((e) => e.slug === slug || e.id === slug);
  useDocumentTitle(exercise ? exercise.definition.title : "Exercise");

  if (library.isPending) return <Loading />;
  if (library.isError)
    return <ErrorNotice>We could not reach the server. Please try again in a moment.</ErrorNotice>;
  if (!exercise)
    return (
      <ErrorNotice title="We could not find that exercise">
        It may have been renamed or removed. <Link to="/library">Back to the library</Link>
      </ErrorNotice>
    );

  const { definition } = exercise;
  return (
    <>
      <p>
        <Link to="/library">← Library</Link>
      </p>
      <PageHeader title={definition.title} lead={definition.purpose}>
        <div className="tend-actions">
          <span className="tend-pill">About {definition.minutes} minutes</span>
          {exercise.builtIn ? null : <span className="tend-pill tend-pill-quiet">Yours</span>}
        </div>
      </PageHeader>
      <Notice>
        {savedVersion
          ? savedVersion > 1
            ? `Saved as version ${savedVersion}. Entries made with earlier versions stay as they were.`
            : "Saved. It is in your library, ready to assign."
          : null}
      </Notice>
      <div className="tend-actions tend-preview-actions">
        {exercise.builtIn ? (
          <Link
            className="tend-button tend-button-secondary"
            to={`/library/new?from=${exercise.id}`}
          >
            Make my own copy
          </Link>
        ) : (
          <>
            <Link className="tend-button tend-button-secondary" to={`/library/${exercise.id}/edit`}>
              Edit
            </Link>
            <Link
              className="tend-button tend-button-secondary"
              to={`/library/new?from=${exercise.id}`}
            >
              Make a copy
            </Link>
            <Button variant="quiet" onClick={() => setArchiving(true)}>
              Remove from my library
            </Button>
          </>
        )}
      </div>
      <div className="tend-preview-layout">
        <section aria-labelledby="as-client">
          <h2 className="tend-section-title" id="as-client">
            Preview as your client
          </h2>
          <ClientPreview
            key={`${exercise.id}:${exercise.version}`}
            definition={definition}
            therapistName={me.data?.name ?? "you"}
          />
        </section>
        <section aria-labelledby="all-steps">
          <h2 className="tend-section-title" id="all-steps">
            All steps at a glance
          </h2>
          <ol className="tend-steps" aria-label="Steps">
            {definition.steps.map((step) => (
              <li key={step.id} className="tend-step">
                <span className="tend-step-kind">{stepKindLabel(step.kind)}</span>
                <StepSummary step={step} />
              </li>
            ))}
          </ol>
        </section>
      </div>
      <ConfirmDialog
        open={archiving}
        title={`Remove ${definition.title}?`}
        confirmLabel="Remove it"
        cancelLabel="Keep it"
        pending={archive.isPending}
        error={archive.isError ? toProblem(archive.error).message : null}
        onCancel={() => setArchiving(false)}
        onConfirm={() => archive.mutate({ id: exercise.id })}
      >
        It leaves your library, so you cannot assign it again. Entries your clients already made
        with it stay as they were.
      </ConfirmDialog>
    </>
  );
}
