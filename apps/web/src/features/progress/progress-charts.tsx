import { EmptyState } from "@tend/ui";
import { HarshKinderChart, IntensityChart, PracticeByWeekChart } from "@tend/ui/charts";
import { useId } from "react";
import type { RouterOutputs } from "../../lib/trpc-types.ts";
import {
  intensityCaption,
  reframeCaption,
  scaleTitle,
  thisWeekInWords,
  type Who,
} from "./progress-words.ts";

/** The progress shape both the client's own page and the therapist's review receive. */
export type Progress = Pick<
  RouterOutputs["progress"]["mine"],
  "practiceByWeek" | "reframe" | "soothingTouch"
>;

/**
 * Practice by week, the loved-one test's harsh and kinder ratings per scale, and soothing
 * touch before and after: each a chart with a kind sentence and its numbers as a table.
 * `who` is null for the client's own page, or the client's name for their therapist.
 */
export function ProgressCharts({
  progress,
  who,
  size = "normal",
  headingLevel = 2,
  weekCaption,
}: {
  progress: Progress;
  who: Who;
  size?: "normal" | "large";
  /** The level of this block's section headings; each chart's title is one below. */
  headingLevel?: 2 | 3;
  /** Overrides the sentence under the weekly chart. */
  weekCaption?: string;
}) {
  const H = `h${headingLevel}` as "h2" | "h3";
  const base = useId().replace(/:/g, "");
  const figureLevel = (headingLevel + 1) as 3 | 4;
  return (
    <div className="tend-progress">
      <PracticeByWeekChart
        title="Practice each week"
        caption={weekCaption ?? thisWeekInWords(progress.practiceByWeek, who)}
        weeks={progress.practiceByWeek}
        size={size}
        headingLevel={headingLevel}
      />

      <section className="tend-progress-group" aria-labelledby={`${base}-reframe`}>
        <H className="tend-section-title" id={`${base}-reframe`}>
          The harsh words and the kinder version
        </H>
        {progress.reframe.length === 0 ? (
          <EmptyState>
            {who === null
              ? "When you practise the loved-one test, how the harsh words and your kinder version felt will show here, side by side."
              : `This fills in when ${who} shares a loved-one test with you.`}
          </EmptyState>
        ) : (
          <>
            <p className="tend-hint">
              From the loved-one test: each practice rates how the harsh words felt and how the
              kinder version felt, on the same three scales.
            </p>
            <div className="tend-chart-grid-list">
              {progress.reframe.map((s) => (
                <HarshKinderChart
                  key={s.scaleId}
                  title={scaleTitle(s.left, s.right)}
                  caption={reframeCaption(s, who)}
                  left={s.left}
                  right={s.right}
                  points={s.points}
                  size={size}
                  headingLevel={figureLevel}
                />
              ))}
            </div>
          </>
        )}
      </section>

      {progress.soothingTouch.length > 0 ? (
        <section className="tend-progress-group" aria-labelledby={`${base}-soothing`}>
          <H className="tend-section-title" id={`${base}-soothing`}>
            Soothing touch, before and after
          </H>
          <IntensityChart
            title="How strong the feeling was"
            caption={intensityCaption(progress.soothingTouch, who)}
            points={progress.soothingTouch}
            size={size}
            headingLevel={figureLevel}
          />
        </section>
      ) : null}
    </div>
  );
}
