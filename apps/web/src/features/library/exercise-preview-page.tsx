import { useQuery } from "@tanstack/react-query";
import type { Step } from "@tend/core";
import { ErrorNotice, Loading, PageHeader } from "@tend/ui";
import { Link, useParams } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
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

export function ExercisePreviewPage() {
  const { slug } = useParams();
  const trpc = useTRPC();
  const library = useQuery(trpc.exercise.listLibrary.queryOptions());
  const exercise = library.data?.find((e) => e.slug === slug);

  if (library.isPending) return <Loading />;
  if (library.isError)
    return <ErrorNotice>We could not reach the server. Please try again in a moment.</ErrorNotice>;
  if (!exercise)
    return (
      <ErrorNotice title="We could not find that exercise">
        It may have been renamed. <Link to="/library">Back to the library</Link>
      </ErrorNotice>
    );

  const { definition } = exercise;
  return (
    <>
      <p>
        <Link to="/library">← Library</Link>
      </p>
      <PageHeader title={definition.title} lead={definition.purpose}>
        <span className="tend-pill">About {definition.minutes} minutes</span>
      </PageHeader>
      <ol className="tend-steps" aria-label="Steps">
        {definition.steps.map((step) => (
          <li key={step.id} className="tend-step">
            <span className="tend-step-kind">{stepKindLabel(step.kind)}</span>
            <StepSummary step={step} />
          </li>
        ))}
      </ol>
    </>
  );
}
