import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { EntryAnswers, ErrorNotice, Loading, practiceScreens } from "@tend/ui";
import { useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { toProblem } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { type Answers, answersToSave, firstUnfinishedScreen, resumeIndex } from "./answers.ts";
import { ExerciseWalkthrough } from "./exercise-walkthrough.tsx";
import { FinishPanel } from "./finish-panel.tsx";
import { type SaveState, useDraftSaver } from "./use-draft-saver.ts";

type Entry = {
  id: string;
  definition: Parameters<typeof ExerciseWalkthrough>[0]["definition"];
  answers: Answers;
  status: "draft" | "complete";
  shared: boolean;
  flaggedForSession: boolean;
  completedAt: Date | string | null;
};

/** /practice/:entryId — one step per screen, saved as the client goes. */
export function PracticePage() {
  const { entryId = "" } = useParams();
  const trpc = useTRPC();
  const entry = useQuery(
    trpc.entries.get.queryOptions({ id: entryId }, { staleTime: 0, refetchOnMount: "always" }),
  );
  useDocumentTitle(entry.data ? entry.data.definition.title : "Practice");

  // Always start from the saved answers, never from an older copy in memory.
  if (entry.isPending || (entry.isFetching && !entry.isFetchedAfterMount))
    return <Loading label="Opening your practice…" />;
  if (entry.isError)
    return (
      <ErrorNotice title="We could not open this practice">
        {toProblem(entry.error).message} <Link to="/today">Back to Today</Link>
      </ErrorNotice>
    );
  return (
    <div className="tend-practice-page">
      <h1 className="tend-practice-title">{entry.data.definition.title}</h1>
      {entry.data.status === "complete" ? (
        <PracticeFinished entry={entry.data} />
      ) : (
        <PracticeSession key={entry.data.id} entry={entry.data} />
      )}
    </div>
  );
}

function saveStateWords(state: SaveState): string {
  switch (state) {
    case "saving":
      return "Saving…";
    case "saved":
      return "Saved. You can leave and come back.";
    case "failed":
      return "We could not save just now. Your words are still here, and we will try again.";
    default:
      return "Saved as you go. You can leave and come back.";
  }
}

function PracticeSession({ entry }: { entry: Entry }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Answers>(() => ({ ...entry.answers }));
  const latest = useRef(answers);
  const [index, setIndex] = useState(() =>
    resumeIndex(practiceScreens(entry.definition.steps), entry.answers),
  );
  const saver = useDraftSaver(entry.id, entry.definition);
  const complete = useMutation(
    trpc.practice.complete.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.entries.get.queryKey({ id: saved.id }), saved);
        void queryClient.invalidateQueries({ queryKey: trpc.practice.today.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.entries.mine.queryKey() });
      },
    }),
  );

  const finish = async () => {
    const screens = practiceScreens(entry.definition.steps);
    const unfinished = firstUnfinishedScreen(screens, answers);
    if (unfinished >= 0) {
      setIndex(unfinished);
      return;
    }
    await saver.settle();
    complete.mutate({ entryId: entry.id, answers: answersToSave(entry.definition, answers) });
  };

  return (
    <ExerciseWalkthrough
      definition={entry.definition}
      answers={answers}
      onAnswer={(stepId, value) => {
        const next = { ...latest.current, [stepId]: value };
        latest.current = next;
        setAnswers(next);
        saver.schedule(next);
      }}
      index={index}
      onIndexChange={(i) => {
        void saver.flush();
        setIndex(i);
      }}
      onFinish={() => void finish()}
      busy={complete.isPending}
      error={complete.isError ? toProblem(complete.error).message : null}
      aside={
        <>
          <span>{saveStateWords(saver.state)}</span>
          <Link
            to="/today"
            onClick={() => {
              void saver.flush();
            }}
          >
            Come back to this later
          </Link>
        </>
      }
    />
  );
}

function PracticeFinished({ entry }: { entry: Entry }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useQuery(trpc.me.get.queryOptions());
  const therapistName = me.data?.client?.therapistName ?? "your therapist";
  const [shared, setShared] = useState(entry.shared);
  const [flagged, setFlagged] = useState(entry.flaggedForSession);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.entries.get.queryKey({ id: entry.id }) });
    void queryClient.invalidateQueries({ queryKey: trpc.entries.mine.queryKey() });
  };
  const share = useMutation(
    trpc.entries.setSharing.mutationOptions({
      onSuccess: (r) => setShared(r.shared),
      onError: () => setShared(entry.shared),
      onSettled: refresh,
    }),
  );
  const flag = useMutation(
    trpc.entries.setFlag.mutationOptions({
      onSuccess: (r) => setFlagged(r.flagged),
      onError: () => setFlagged(entry.flaggedForSession),
      onSettled: refresh,
    }),
  );
  const failed = share.error ?? flag.error;

  return (
    <FinishPanel
      therapistName={therapistName}
      shared={shared}
      flagged={flagged}
      onShare={(value) => {
        setShared(value);
        share.mutate({ id: entry.id, shared: value });
      }}
      onFlag={(value) => {
        setFlagged(value);
        flag.mutate({ id: entry.id, flagged: value });
      }}
      onDone={() => navigate("/today")}
    >
      {failed ? (
        <ErrorNotice title="That change did not save">{toProblem(failed).message}</ErrorNotice>
      ) : null}
      <details className="tend-panel">
        <summary className="tend-summary">
          Read what you wrote
          {entry.completedAt ? ` (${formatDateTime(entry.completedAt)})` : ""}
        </summary>
        <EntryAnswers definition={entry.definition} answers={entry.answers} />
      </details>
    </FinishPanel>
  );
}
