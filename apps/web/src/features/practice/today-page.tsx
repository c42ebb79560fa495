import { useQuery } from "@tanstack/react-query";
import { Button, EmptyState, ErrorNotice, Loading, PageHeader } from "@tend/ui";
import { type ReactNode, useEffect, useRef } from "react";
import { Link, useSearchParams } from "react-router";
import { toProblem } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { joinWords } from "../../lib/words.ts";
import { scheduleInWords, timesOfDayInWords } from "../assignments/schedule-in-words.ts";
import { useStartPractice } from "./use-start-practice.ts";
import {
  flexibleDoneInWords,
  groupByAssignment,
  practisedThisWeekInWords,
  weekdayOf,
} from "./words.ts";

function minutesInWords(minutes: number): string {
  return minutes === 1 ? "about a minute" : `about ${minutes} minutes`;
}

function Section({ title, children, lead }: { title: string; lead?: string; children: ReactNode }) {
  const id = `today-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <section aria-labelledby={id}>
      <h2 className="tend-section-title" id={id}>
        {title}
      </h2>
      {lead ? <p className="tend-hint">{lead}</p> : null}
      {children}
    </section>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A reminder email links to /today?start=<assignment>: open that practice straight away. */
function useStartFromReminder(begin: (input: { assignmentId: string }) => void) {
  const [params, setParams] = useSearchParams();
  const handled = useRef(false);
  const assignmentId = params.get("start");
  useEffect(() => {
    if (!assignmentId || handled.current) return;
    handled.current = true;
    setParams({}, { replace: true });
    if (UUID.test(assignmentId)) begin({ assignmentId });
  }, [assignmentId, begin, setParams]);
}

/** /today — the client's start page: what is planned, gently, and what is there any time. */
export function TodayPage() {
  useDocumentTitle("Today");
  const trpc = useTRPC();
  const today = useQuery(trpc.practice.today.queryOptions(undefined, { staleTime: 0 }));
  const mine = useQuery(trpc.entries.mine.queryOptions(undefined, { staleTime: 0 }));
  const library = useQuery(trpc.exercise.listLibrary.queryOptions());
  const me = useQuery(trpc.me.get.queryOptions());
  const start = useStartPractice();
  useStartFromReminder(start.mutate);

  if (today.isPending) return <Loading label="Getting your week ready…" />;
  if (today.isError) return <ErrorNotice>{toProblem(today.error).message}</ErrorNotice>;

  const plan = today.data;
  const therapistName = me.data?.client?.therapistName ?? "your therapist";
  const drafts = (mine.data ?? []).filter((e) => e.status === "draft");
  const draftFor = new Map(
    drafts.filter((d) => d.assignmentId).map((d) => [d.assignmentId as string, d]),
  );
  const noteOf = new Map(plan.assignments.map((a) => [a.id, a.note.trim()]));
  const paused = plan.assignments.filter((a) => a.status === "paused");
  const starting = start.isPending ? start.variables : undefined;
  const todayGroups = groupByAssignment(plan.todayItems);
  const laterGroups = groupByAssignment(plan.laterThisWeek);

  const startButton = (assignmentId: string, title: string, variant: "primary" | "secondary") => {
    const resuming = draftFor.has(assignmentId);
    const busy = starting?.assignmentId === assignmentId;
    return (
      <Button
        variant={variant}
        disabled={start.isPending}
        onClick={() => start.mutate({ assignmentId })}
        aria-label={`${resuming ? "Continue" : "Start"} ${title}`}
      >
        {busy ? "Opening…" : resuming ? "Continue" : "Start"}
      </Button>
    );
  };

  const note = (assignmentId: string) => {
    const text = noteOf.get(assignmentId);
    return text ? (
      <p className="tend-therapist-note">
        <strong>A note from {therapistName}</strong>
        {text}
      </p>
    ) : null;
  };

  return (
    <>
      <PageHeader title="Today" lead={practisedThisWeekInWords(plan.practisedThisWeek)} />
      {start.isError ? (
        <ErrorNotice title="That did not open">{toProblem(start.error).message}</ErrorNotice>
      ) : null}
      {plan.weekNote.trim() ? (
        <section className="tend-week-note-card" aria-labelledby="week-note-title">
          <h2 id="week-note-title">Your note for this week</h2>
          <p className="tend-answer-text">{plan.weekNote}</p>
          <p className="tend-hint">Written together with {therapistName} in your session.</p>
        </section>
      ) : null}

      {drafts.length > 0 ? (
        <Section title="Continue where you left off">
          <ul className="tend-practice-list">
            {drafts.map((d) => (
              <li key={d.id} className="tend-practice-item">
                <div className="tend-practice-item-main">
                  <p className="tend-practice-item-title">{d.definition.title}</p>
                  <p className="tend-practice-item-meta">
                    Started {formatDate(d.startedAt)} · your answers so far are saved
                  </p>
                </div>
                <Link
                  className="tend-button tend-button-primary"
                  to={`/practice/${d.id}`}
                  aria-label={`Continue ${d.definition.title}`}
                >
                  Continue
                </Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section title="Planned for today">
        {todayGroups.length === 0 ? (
          <EmptyState>
            Nothing is planned for today. If you would like a few minutes anyway, anything below is
            yours to try.
          </EmptyState>
        ) : (
          <ul className="tend-practice-list">
            {todayGroups.map((group) => (
              <li
                key={group.assignmentId}
                className={`tend-practice-item${group.done ? " is-done" : ""}`}
              >
                <div className="tend-practice-item-main">
                  <p className="tend-practice-item-title">{group.title}</p>
                  <p className="tend-practice-item-meta">
                    Today {timesOfDayInWords(group.times)} · {minutesInWords(group.minutes)}
                  </p>
                  {group.done ? <p className="tend-done-mark">You practised this today.</p> : null}
                  {note(group.assignmentId)}
                </div>
                {startButton(group.assignmentId, group.title, group.done ? "secondary" : "primary")}
              </li>
            ))}
          </ul>
        )}
      </Section>

      {plan.flexible.length > 0 ? (
        <Section title="Whenever suits you this week">
          <ul className="tend-practice-list">
            {plan.flexible.map((item) => {
              const done = flexibleDoneInWords(item.doneThisWeek);
              return (
                <li key={item.assignmentId} className="tend-practice-item">
                  <div className="tend-practice-item-main">
                    <p className="tend-practice-item-title">{item.title}</p>
                    <p className="tend-practice-item-meta">
                      Planned{" "}
                      {scheduleInWords(
                        { kind: "flexible", timesPerWeek: item.timesPerWeek },
                        { audience: "client" },
                      ).replace(/^./, (c) => c.toLowerCase())}{" "}
                      · {minutesInWords(item.minutes)}
                    </p>
                    {done ? <p className="tend-done-mark">{done}</p> : null}
                    {note(item.assignmentId)}
                  </div>
                  {startButton(item.assignmentId, item.title, "primary")}
                </li>
              );
            })}
          </ul>
        </Section>
      ) : null}

      {laterGroups.length > 0 ? (
        <Section
          title="Later this week"
          lead="Nothing to do yet. If you feel like starting early, you can."
        >
          <ul className="tend-practice-list">
            {laterGroups.map((group) => (
              <li key={group.assignmentId} className="tend-practice-item">
                <div className="tend-practice-item-main">
                  <p className="tend-practice-item-title">{group.title}</p>
                  <p className="tend-practice-item-meta">
                    {joinWords(group.dates.map(weekdayOf))} {timesOfDayInWords(group.times)} ·{" "}
                    {minutesInWords(group.minutes)}
                  </p>
                </div>
                {startButton(group.assignmentId, group.title, "secondary")}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {paused.length > 0 ? (
        <Section title="Resting for now">
          <ul className="tend-practice-list">
            {paused.map((a) => (
              <li key={a.id} className="tend-practice-item is-done">
                <div className="tend-practice-item-main">
                  <p className="tend-practice-item-title">{a.title}</p>
                  <p className="tend-practice-item-meta">
                    Paused for now. Nothing to do here until you and {therapistName} pick it up
                    again.
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section
        title="Practise any time"
        lead="Every exercise in the library is open to you, whenever you would like a few minutes."
      >
        {library.isPending ? (
          <Loading label="Loading the library…" />
        ) : library.isError ? (
          <ErrorNotice>{toProblem(library.error).message}</ErrorNotice>
        ) : (
          <ul
            className="tend-practice-list tend-practice-list-compact"
            aria-label="Practise any time"
          >
            {library.data.map((exercise) => (
              <li key={exercise.id} className="tend-practice-item">
                <div className="tend-practice-item-main">
                  <p className="tend-practice-item-title">{exercise.definition.title}</p>
                  <p className="tend-practice-item-meta">
                    {minutesInWords(exercise.definition.minutes)}
                  </p>
                </div>
                <Button
                  variant="secondary"
                  disabled={start.isPending}
                  onClick={() => start.mutate({ exerciseId: exercise.id })}
                  aria-label={`Start ${exercise.definition.title}`}
                >
                  {starting?.exerciseId === exercise.id ? "Opening…" : "Start"}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <p className="tend-hint tend-today-footer">
        Everything you have written is in <Link to="/history">your history</Link>, and a look back
        at your practice is on <Link to="/progress">your progress</Link> page. Your settings and who
        has looked at your page are on <Link to="/home">Home</Link>; reminders and other emails are
        in <Link to="/settings/email">your email settings</Link>.
      </p>
    </>
  );
}
