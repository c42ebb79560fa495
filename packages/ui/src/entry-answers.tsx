import type { ExerciseDefinition, Step } from "@tend/core";
import { reframeAnswerOf } from "./practice-step.tsx";
import { RatingDisplay } from "./rating-scale.tsx";

type Answers = Record<string, unknown>;

function minutesAndSeconds(total: number): string {
  const m = Math.floor(total / 60);
  const s = total % 60;
  if (m === 0) return `${s} seconds`;
  if (s === 0) return m === 1 ? "1 minute" : `${m} minutes`;
  return `${m} min ${s} s`;
}

function hasAnswer(step: Step, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return step.kind === "checklist" || value.length > 0;
  if (step.kind === "reframe") {
    const r = reframeAnswerOf(value);
    return r.harsh.trim() !== "" || r.kinder.trim() !== "";
  }
  return true;
}

function AnswerBody({ step, value }: { step: Step; value: unknown }) {
  switch (step.kind) {
    case "prompt":
      return null;
    case "text":
      return <p className="tend-answer-text">{String(value)}</p>;
    case "bipolar":
      return (
        <RatingDisplay left={step.scale.left} right={step.scale.right} value={Number(value)} />
      );
    case "intensity":
      return <RatingDisplay left={step.lowLabel} right={step.highLabel} value={Number(value)} />;
    case "choice":
    case "checklist": {
      const options = step.kind === "choice" ? step.options : step.items;
      const chosen = options.filter((o) => (value as string[]).includes(o.id));
      return chosen.length === 0 ? (
        <p className="tend-answer-none">None ticked</p>
      ) : (
        <ul className="tend-answer-list">
          {chosen.map((o) => (
            <li key={o.id}>{o.label}</li>
          ))}
        </ul>
      );
    }
    case "timer": {
      const seconds = Number((value as { elapsedSeconds?: number }).elapsedSeconds ?? 0);
      return (
        <p className="tend-answer-text">
          {seconds > 0
            ? `Took ${minutesAndSeconds(seconds)} with the timer`
            : "Went on without the timer"}
        </p>
      );
    }
    case "reframe": {
      const r = reframeAnswerOf(value);
      return (
        <div className="tend-reframe-answer">
          <div className="tend-reframe-column tend-quote-harsh">
            <h4>The harsh words</h4>
            <p className="tend-answer-text">{r.harsh.trim() || "(left blank)"}</p>
            {step.scales.map((s) => (
              <RatingDisplay
                key={s.id}
                left={s.left}
                right={s.right}
                value={r.harshRatings[s.id]}
                caption={`Harsh words, ${s.left} to ${s.right}`}
              />
            ))}
          </div>
          <div className="tend-reframe-column tend-quote-kinder">
            <h4>The kinder version</h4>
            <p className="tend-answer-text">{r.kinder.trim() || "(left blank)"}</p>
            {step.scales.map((s) => (
              <RatingDisplay
                key={s.id}
                left={s.left}
                right={s.right}
                value={r.kinderRatings[s.id]}
                caption={`Kinder version, ${s.left} to ${s.right}`}
              />
            ))}
          </div>
        </div>
      );
    }
  }
}

/**
 * Someone's answers to one exercise, readable: each question with what they wrote or chose,
 * the harsh and kinder versions side by side with their ratings. Unanswered steps are left out.
 */
export function EntryAnswers({
  definition,
  answers,
}: {
  definition: ExerciseDefinition;
  answers: Answers;
}) {
  const shown = definition.steps.filter((s) => s.kind !== "prompt" && hasAnswer(s, answers[s.id]));
  if (shown.length === 0) return <p className="tend-answer-none">No answers written down.</p>;
  return (
    <div className="tend-answers">
      {shown.map((step) => (
        <section key={step.id} className="tend-answer">
          <h3 className="tend-answer-question">
            {step.kind === "reframe"
              ? "The harsh words and a kinder version"
              : step.kind === "prompt"
                ? step.title
                : step.label}
          </h3>
          <AnswerBody step={step} value={answers[step.id]} />
        </section>
      ))}
    </div>
  );
}
