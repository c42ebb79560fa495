import type { ReframeAnswer, Step } from "@tend/core";
import { useId } from "react";
import { PracticeTimer } from "./practice-timer.tsx";
import { RatingScale } from "./rating-scale.tsx";

type ReframeStep = Extract<Step, { kind: "reframe" }>;

/**
 * What one screen of a practice shows. Most steps are one screen; the harsh-and-kinder step is
 * three: the harsh words, then the kinder version, then how each one feels.
 */
export type PracticeScreen =
  | { key: string; step: Exclude<Step, ReframeStep>; part?: undefined }
  | { key: string; step: ReframeStep; part: "harsh" | "kinder" | "ratings" };

export function practiceScreens(steps: readonly Step[]): PracticeScreen[] {
  return steps.flatMap((step): PracticeScreen[] =>
    step.kind === "reframe"
      ? (["harsh", "kinder", "ratings"] as const).map((part) => ({
          key: `${step.id}:${part}`,
          step,
          part,
        }))
      : [{ key: step.id, step }],
  );
}

/** A harsh-and-kinder answer with every part present (a draft may have only some). */
export function reframeAnswerOf(value: unknown): ReframeAnswer {
  const v = (value && typeof value === "object" ? value : {}) as Partial<ReframeAnswer>;
  return {
    harsh: typeof v.harsh === "string" ? v.harsh : "",
    kinder: typeof v.kinder === "string" ? v.kinder : "",
    harshRatings: { ...(v.harshRatings ?? {}) },
    kinderRatings: { ...(v.kinderRatings ?? {}) },
  };
}

export function scaleQuestion(version: "harsh" | "kinder", left: string, right: string): string {
  return `How did the ${version} version feel: ${left} (0) to ${right} (10)`;
}

type Answers = Record<string, unknown>;

/**
 * One screen of a practice, exactly as the client sees it. The therapist's preview renders this
 * same component, so what they check is what their client gets.
 */
export function PracticeStep({
  screen,
  answers,
  onAnswer,
}: {
  screen: PracticeScreen;
  answers: Answers;
  onAnswer: (stepId: string, value: unknown) => void;
}) {
  const uid = useId().replace(/:/g, "");
  const { step } = screen;
  const value = answers[step.id];
  const control = `answer-${uid}-${step.id}`;

  switch (step.kind) {
    case "prompt":
      return (
        <div className="tend-practice-step">
          <h2 className="tend-step-question">{step.title ?? "A moment to read"}</h2>
          <p className="tend-step-body">{step.body}</p>
        </div>
      );
    case "text": {
      const text = typeof value === "string" ? value : "";
      const hintId = `${control}-hint`;
      return (
        <div className="tend-practice-step">
          <h2 className="tend-step-question">
            <label htmlFor={control}>{step.label}</label>
          </h2>
          {step.hint ? (
            <p className="tend-hint" id={hintId}>
              {step.hint}
            </p>
          ) : null}
          {step.optional ? <p className="tend-step-optional">Only if you'd like to.</p> : null}
          {step.size === "long" ? (
            <textarea
              id={control}
              className="tend-input tend-textarea"
              rows={6}
              value={text}
              maxLength={10_000}
              aria-describedby={step.hint ? hintId : undefined}
              onChange={(e) => onAnswer(step.id, e.target.value)}
            />
          ) : (
            <input
              id={control}
              className="tend-input"
              value={text}
              maxLength={10_000}
              aria-describedby={step.hint ? hintId : undefined}
              onChange={(e) => onAnswer(step.id, e.target.value)}
            />
          )}
        </div>
      );
    }
    case "bipolar":
    case "intensity": {
      const left = step.kind === "bipolar" ? step.scale.left : step.lowLabel;
      const right = step.kind === "bipolar" ? step.scale.right : step.highLabel;
      return (
        <div className="tend-practice-step">
          <h2 className="tend-step-question" id={`${control}-q`}>
            {step.label}
          </h2>
          {step.optional ? <p className="tend-step-optional">Only if you'd like to.</p> : null}
          <RatingScale
            label={`${step.label}: ${left} (0) to ${right} (10)`}
            left={left}
            right={right}
            value={typeof value === "number" ? value : undefined}
            onChange={(n) => onAnswer(step.id, n)}
          />
        </div>
      );
    }
    case "choice":
    case "checklist": {
      const options = step.kind === "choice" ? step.options : step.items;
      const multiple = step.kind === "checklist" || step.multiple;
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset className="tend-practice-step tend-fieldset">
          <legend>
            <h2 className="tend-step-question">{step.label}</h2>
          </legend>
          <p className="tend-hint">
            {step.kind === "checklist"
              ? "Tick whatever applies."
              : multiple
                ? "Choose as many as fit."
                : "Choose the one that fits best."}
            {step.optional && step.kind === "choice" ? " Only if you'd like to." : ""}
          </p>
          <div className="tend-options">
            {options.map((o) => {
              const id = `${control}-${o.id}`;
              const on = chosen.includes(o.id);
              return (
                <div className={`tend-option${on ? " is-chosen" : ""}`} key={o.id}>
                  <input
                    type={multiple ? "checkbox" : "radio"}
                    id={id}
                    name={control}
                    checked={on}
                    onChange={(e) => {
                      if (!multiple) onAnswer(step.id, [o.id]);
                      else
                        onAnswer(
                          step.id,
                          e.target.checked
                            ? options
                                .map((x) => x.id)
                                .filter((x) => x === o.id || chosen.includes(x))
                            : chosen.filter((x) => x !== o.id),
                        );
                    }}
                  />
                  <label htmlFor={id}>{o.label}</label>
                </div>
              );
            })}
          </div>
        </fieldset>
      );
    }
    case "timer": {
      const elapsed =
        value && typeof value === "object" && "elapsedSeconds" in value
          ? Number((value as { elapsedSeconds: number }).elapsedSeconds) || 0
          : 0;
      return (
        <div className="tend-practice-step">
          <h2 className="tend-step-question">{step.label}</h2>
          {step.body ? <p className="tend-step-body">{step.body}</p> : null}
          <PracticeTimer
            label={step.label}
            seconds={step.seconds}
            elapsed={elapsed}
            onElapsedChange={(s) => onAnswer(step.id, { elapsedSeconds: s })}
          />
          {step.optional ? (
            <p className="tend-hint">The timer is there if it helps; you can go on without it.</p>
          ) : null}
        </div>
      );
    }
    case "reframe":
      return (
        <ReframeScreen
          step={step}
          part={screen.part ?? "harsh"}
          value={reframeAnswerOf(value)}
          control={control}
          onChange={(v) => onAnswer(step.id, v)}
        />
      );
  }
}

function ReframeScreen({
  step,
  part,
  value,
  control,
  onChange,
}: {
  step: ReframeStep;
  part: "harsh" | "kinder" | "ratings";
  value: ReframeAnswer;
  control: string;
  onChange: (value: ReframeAnswer) => void;
}) {
  const hintId = `${control}-hint`;
  if (part === "harsh" || part === "kinder") {
    const text = value[part];
    return (
      <div className="tend-practice-step">
        <h2 className="tend-step-question">
          <label htmlFor={`${control}-${part}`}>
            {part === "harsh" ? step.harshLabel : step.kinderLabel}
          </label>
        </h2>
        {part === "harsh" && step.hint ? (
          <p className="tend-hint" id={hintId}>
            {step.hint}
          </p>
        ) : null}
        {part === "kinder" && value.harsh.trim() ? (
          <figure className="tend-quote tend-quote-harsh">
            <figcaption>What you wrote first</figcaption>
            <blockquote>{value.harsh}</blockquote>
          </figure>
        ) : null}
        <textarea
          id={`${control}-${part}`}
          className="tend-input tend-textarea"
          rows={5}
          value={text}
          maxLength={10_000}
          aria-describedby={part === "harsh" && step.hint ? hintId : undefined}
          onChange={(e) => onChange({ ...value, [part]: e.target.value })}
        />
      </div>
    );
  }
  return (
    <div className="tend-practice-step">
      <h2 className="tend-step-question">How does each version feel?</h2>
      <p className="tend-hint">
        Rate both on each line. Go with your first sense; there is no right number.
      </p>
      <div className="tend-quote-pair">
        <figure className="tend-quote tend-quote-harsh">
          <figcaption>The harsh words</figcaption>
          <blockquote>{value.harsh.trim() || "(nothing written yet)"}</blockquote>
        </figure>
        <figure className="tend-quote tend-quote-kinder">
          <figcaption>The kinder version</figcaption>
          <blockquote>{value.kinder.trim() || "(nothing written yet)"}</blockquote>
        </figure>
      </div>
      {step.scales.map((scale) => (
        <fieldset key={scale.id} className="tend-scale-pair">
          <legend>
            {scale.left} <span aria-hidden="true">↔</span>
            <span className="tend-visually-hidden"> to </span> {scale.right}
          </legend>
          <RatingScale
            caption="The harsh words"
            label={scaleQuestion("harsh", scale.left, scale.right)}
            left={scale.left}
            right={scale.right}
            value={value.harshRatings[scale.id]}
            onChange={(n) =>
              onChange({ ...value, harshRatings: { ...value.harshRatings, [scale.id]: n } })
            }
          />
          <RatingScale
            caption="The kinder version"
            label={scaleQuestion("kinder", scale.left, scale.right)}
            left={scale.left}
            right={scale.right}
            value={value.kinderRatings[scale.id]}
            onChange={(n) =>
              onChange({ ...value, kinderRatings: { ...value.kinderRatings, [scale.id]: n } })
            }
          />
        </fieldset>
      ))}
    </div>
  );
}
