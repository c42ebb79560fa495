import { useQuery } from "@tanstack/react-query";
import { EmptyState, EntryAnswers, ErrorNotice, Loading, PageHeader, SelectField } from "@tend/ui";
import { useState } from "react";
import { Link } from "react-router";
import { toProblem } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { localDateAt } from "../../lib/zoned-time.ts";
import { ExerciseCounts } from "./exercise-counts.tsx";
import { ProgressCharts } from "./progress-charts.tsx";
import { countByExercise, thisWeekInWords, totalInWords } from "./progress-words.ts";
import { WeeklyReflectionPanel } from "./weekly-reflection-panel.tsx";

const PERIODS = [
  { value: "4", label: "The last 4 weeks" },
  { value: "8", label: "The last 8 weeks" },
  { value: "13", label: "The last 3 months" },
  { value: "26", label: "The last 6 months" },
];

/** /progress — the client's own look back: what they practised and how the kinder words felt. */
export function ProgressPage() {
  useDocumentTitle("Your progress");
  const trpc = useTRPC();
  const [weeks, setWeeks] = useState("8");
  const progress = useQuery(
    trpc.progress.mine.queryOptions({ weeks: Number(weeks) }, { staleTime: 0 }),
  );
  const entries = useQuery(trpc.entries.mine.queryOptions(undefined, { staleTime: 0 }));
  const me = useQuery(trpc.me.get.queryOptions());
  const therapistName = me.data?.client?.therapistName ?? "your therapist";

  return (
    <>
      <PageHeader
        title="Your progress"
        lead={
          <>
            A look back, just for you: what you practised and how it felt. {therapistName} sees only
            the entries you choose to share.
          </>
        }
      />
      {progress.isPending ? (
        <Loading label="Gathering your practice…" />
      ) : progress.isError ? (
        <ErrorNotice>{toProblem(progress.error).message}</ErrorNotice>
      ) : (
        <div className="tend-stack-lg">
          <section className="tend-panel" aria-labelledby="week-title">
            <h2 id="week-title">This week</h2>
            <p className="tend-big-sentence">
              {thisWeekInWords(progress.data.practiceByWeek, null)}
            </p>
          </section>

          <WeeklyReflectionPanel therapistName={therapistName} />

          <section aria-labelledby="look-back-title">
            <div className="tend-entry-header">
              <h2 className="tend-section-title" id="look-back-title">
                Looking back
              </h2>
              <div className="tend-inline-field">
                <SelectField
                  label="Show"
                  value={weeks}
                  options={PERIODS}
                  onChange={(e) => setWeeks(e.target.value)}
                />
              </div>
            </div>
            <p>
              {totalInWords(
                progress.data.totalPractices,
                null,
                localDateAt(new Date(progress.data.from), progress.data.timeZone),
              )}
            </p>
            <ExerciseCounts
              label="What you practised"
              empty="When you practise, each exercise will be listed here."
              counts={countByExercise(
                (entries.data ?? []).map((e) => ({
                  title: e.definition.title,
                  completedAt: e.status === "complete" ? e.completedAt : null,
                })),
                progress.data.from,
                progress.data.to,
              )}
            />
          </section>

          <ProgressCharts
            progress={progress.data}
            who={null}
            headingLevel={2}
            weekCaption="Each bar is one week, Monday to Sunday. Quiet weeks are simply part of the picture."
          />

          <section aria-labelledby="reflections-title">
            <h2 className="tend-section-title" id="reflections-title">
              Your weekly reflections
            </h2>
            {progress.data.reflections.length === 0 ? (
              <EmptyState>Your weekly reflections will be kept here for you.</EmptyState>
            ) : (
              <ul className="tend-practice-list" aria-label="Your weekly reflections">
                {[...progress.data.reflections].reverse().map((r) => (
                  <li key={r.id}>
                    <article className="tend-entry" aria-labelledby={`reflection-${r.id}`}>
                      <div className="tend-entry-header">
                        <h3 className="tend-entry-title" id={`reflection-${r.id}`}>
                          {formatDate(r.completedAt)}
                        </h3>
                        <span className={`tend-pill${r.shared ? "" : " tend-pill-quiet"}`}>
                          {r.shared ? `Shared with ${therapistName}` : "Private"}
                        </span>
                      </div>
                      <details>
                        <summary className="tend-summary">Read this reflection</summary>
                        <EntryAnswers definition={r.definition} answers={r.answers} />
                      </details>
                    </article>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <p className="tend-hint">
            Everything you have written is in <Link to="/history">your history</Link>, where you can
            share or delete any entry.
          </p>
        </div>
      )}
    </>
  );
}
