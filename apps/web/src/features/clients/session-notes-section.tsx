import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  EmptyState,
  ErrorNotice,
  FormError,
  Loading,
  LongTextField,
  Notice,
  TextField,
} from "@tend/ui";
import { type FormEvent, useRef, useState } from "react";
import { toProblem } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { localDateAt } from "../../lib/zoned-time.ts";
import { formatLocalDate } from "../assignments/schedule-in-words.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ids = { date: "session-note-date", note: "session-note-text" };

function browserToday(): string {
  return localDateAt(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
}

/**
 * The therapist's private notes, one per session date: a list, and an editor. Never shown to
 * the client, and never on the review screen they look at together.
 */
export function SessionNotesSection({
  clientId,
  clientName,
}: {
  clientId: string;
  clientName: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notes = useQuery(trpc.sessionNotes.list.queryOptions({ clientId }));
  const [date, setDate] = useState(browserToday);
  const [text, setText] = useState("");
  const [problems, setProblems] = useState<{ date?: string; note?: string }>({});
  const [saved, setSaved] = useState<string | null>(null);
  const textArea = useRef<HTMLTextAreaElement>(null);
  const save = useMutation(
    trpc.sessionNotes.save.mutationOptions({
      onSuccess: async (result) => {
        setSaved(`Your note for ${formatLocalDate(result.sessionDate)} is saved.`);
        await queryClient.invalidateQueries({ queryKey: trpc.sessionNotes.list.queryKey() });
        // The review period starts at the last session: a new date may change it.
        void queryClient.invalidateQueries({ queryKey: trpc.review.bundle.queryKey() });
      },
    }),
  );
  const existing = notes.data?.find((n) => n.sessionDate === date);

  const pickDate = (value: string) => {
    setDate(value);
    setSaved(null);
    const found = notes.data?.find((n) => n.sessionDate === value);
    if (found) setText(found.note);
  };

  const edit = (sessionDate: string, note: string) => {
    setDate(sessionDate);
    setText(note);
    setSaved(null);
    setProblems({});
    textArea.current?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      date: DATE.test(date) ? undefined : "Please choose the date of the session.",
      note: text.trim() === "" ? "Please write a few words before saving." : undefined,
    };
    setProblems(found);
    setSaved(null);
    save.reset();
    if (found.date || found.note) return;
    save.mutate({ clientId, sessionDate: date, note: text.trim() });
  };

  const summary = [
    ...(problems.date ? [{ fieldId: ids.date, message: problems.date }] : []),
    ...(problems.note ? [{ fieldId: ids.note, message: problems.note }] : []),
  ];

  return (
    <section aria-labelledby="session-notes-title" className="tend-session-notes">
      <h2 className="tend-section-title" id="session-notes-title">
        Session notes
      </h2>
      <p className="tend-private-banner">
        <svg
          className="tend-lock"
          width="16"
          height="16"
          viewBox="0 0 16 16"
          aria-hidden="true"
          focusable="false"
        >
          <rect x="2.5" y="7" width="11" height="8" rx="1.5" />
          <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" strokeWidth="1.6" />
        </svg>{" "}
        <strong>Only you can see these notes.</strong> They are never shown to {clientName}, and
        never appear on the review you open together.
      </p>
      <div className="tend-panel">
        <form
          className="tend-form tend-form-wide"
          noValidate
          onSubmit={submit}
          aria-label="Write a session note"
        >
          <FormError
            message={save.isError ? toProblem(save.error).message : null}
            problems={summary}
          />
          <TextField
            id={ids.date}
            type="date"
            label="Session date"
            value={date}
            onChange={(e) => pickDate(e.target.value)}
            error={problems.date}
            hint={
              existing ? "You already have a note for this date: saving replaces it." : undefined
            }
          />
          <LongTextField
            ref={textArea}
            id={ids.note}
            label="Your note"
            rows={6}
            value={text}
            maxLength={20_000}
            onChange={(e) => setText(e.target.value)}
            error={problems.note}
          />
          <div className="tend-actions">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save note"}
            </Button>
          </div>
          <Notice>{saved}</Notice>
        </form>
      </div>
      {notes.isPending ? (
        <Loading label="Loading your notes…" />
      ) : notes.isError ? (
        <ErrorNotice>{toProblem(notes.error).message}</ErrorNotice>
      ) : notes.data.length === 0 ? (
        <EmptyState>No session notes yet.</EmptyState>
      ) : (
        <ul className="tend-practice-list tend-after-panel" aria-label="Your session notes">
          {notes.data.map((n) => (
            <li key={n.id}>
              <article className="tend-entry" aria-labelledby={`note-${n.id}`}>
                <div className="tend-entry-header">
                  <h3 className="tend-entry-title" id={`note-${n.id}`}>
                    Session on {formatLocalDate(n.sessionDate)}
                  </h3>
                  <p className="tend-practice-item-meta">
                    Last changed {formatDateTime(n.updatedAt)}
                  </p>
                </div>
                <p className="tend-answer-text">{n.note}</p>
                <div className="tend-actions">
                  <Button
                    variant="secondary"
                    onClick={() => edit(n.sessionDate, n.note)}
                    aria-label={`Edit the note for ${formatLocalDate(n.sessionDate)}`}
                  >
                    Edit
                  </Button>
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
