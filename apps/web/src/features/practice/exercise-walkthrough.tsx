import type { ExerciseDefinition } from "@tend/core";
import { PracticeStep, practiceScreens, StepFlow } from "@tend/ui";
import { type ReactNode, useMemo, useState } from "react";
import { type Answers, screenProblem, touchesOldPain } from "./answers.ts";

/**
 * An exercise one screen at a time. The client's practice and the therapist's preview both
 * render this, so the preview is exactly what the client gets.
 */
export function ExerciseWalkthrough({
  definition,
  answers,
  onAnswer,
  index,
  onIndexChange,
  onFinish,
  busy = false,
  requireAnswers = true,
  finishLabel = "Finish",
  aside,
  error,
}: {
  definition: ExerciseDefinition;
  answers: Answers;
  onAnswer: (stepId: string, value: unknown) => void;
  index: number;
  onIndexChange: (index: number) => void;
  onFinish: () => void;
  busy?: boolean;
  /** The client's flow waits for required answers; the therapist's preview lets them skip ahead. */
  requireAnswers?: boolean;
  finishLabel?: string;
  aside?: ReactNode;
  error?: ReactNode;
}) {
  const screens = useMemo(() => practiceScreens(definition.steps), [definition]);
  const [notice, setNotice] = useState<string | null>(null);
  const current = Math.min(Math.max(index, 0), screens.length - 1);
  const screen = screens[current]!;
  const last = current === screens.length - 1;

  const next = () => {
    const problem = screenProblem(screen, answers);
    if (problem && requireAnswers) {
      setNotice(problem);
      return;
    }
    setNotice(null);
    if (last) onFinish();
    else onIndexChange(current + 1);
  };

  return (
    <StepFlow
      label={definition.title}
      current={current}
      total={screens.length}
      onBack={
        current > 0
          ? () => {
              setNotice(null);
              onIndexChange(current - 1);
            }
          : undefined
      }
      onNext={next}
      nextLabel={last ? finishLabel : "Next"}
      busy={busy}
      notice={error ?? notice}
      aside={aside}
    >
      {current === 0 && touchesOldPain(definition) ? (
        <p className="tend-gentle-note">
          Being kind to yourself can sometimes stir up old hurts. That is a known part of this work,
          not a sign you are doing it wrong. Go at your own pace and stop whenever you like. If you
          need urgent help, the bottom of every page says where to find it.
        </p>
      ) : null}
      <PracticeStep
        key={screen.key}
        screen={screen}
        answers={answers}
        onAnswer={(stepId, value) => {
          setNotice(null);
          onAnswer(stepId, value);
        }}
      />
    </StepFlow>
  );
}
