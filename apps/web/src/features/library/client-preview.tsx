import type { ExerciseDefinition } from "@tend/core";
import { useState } from "react";
import type { Answers } from "../practice/answers.ts";
import { ExerciseWalkthrough } from "../practice/exercise-walkthrough.tsx";
import { FinishPanel } from "../practice/finish-panel.tsx";

/**
 * "Preview as your client": the very screens the client steps through, answers kept only in
 * this page (nothing is saved), ending on the same thank-you and sharing choices.
 */
export function ClientPreview({
  definition,
  therapistName,
}: {
  definition: ExerciseDefinition;
  therapistName: string;
}) {
  const [answers, setAnswers] = useState<Answers>({});
  const [index, setIndex] = useState(0);
  const [finished, setFinished] = useState(false);
  const [shared, setShared] = useState(false);
  const [flagged, setFlagged] = useState(false);
  const restart = () => {
    setAnswers({});
    setIndex(0);
    setShared(false);
    setFlagged(false);
    setFinished(false);
  };
  return (
    <div className="tend-phone">
      <p className="tend-preview-banner">
        A preview: nothing typed here is saved, and you can skip ahead without answering.
      </p>
      {finished ? (
        <FinishPanel
          therapistName={therapistName}
          shared={shared}
          flagged={flagged}
          onShare={setShared}
          onFlag={setFlagged}
          onDone={restart}
          doneLabel="Start the preview again"
        />
      ) : (
        <ExerciseWalkthrough
          definition={definition}
          answers={answers}
          onAnswer={(id, value) => setAnswers((a) => ({ ...a, [id]: value }))}
          index={index}
          onIndexChange={setIndex}
          onFinish={() => setFinished(true)}
          requireAnswers={false}
        />
      )}
    </div>
  );
}
