import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, FormError, LongTextField, Notice } from "@tend/ui";
import { type FormEvent, useState } from "react";
import { toProblem } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";

/**
 * The note for the week, written together in session: saved at once, and shown to the client
 * on their Today page until the next one.
 */
export function WeekNoteForm({
  clientId,
  clientName,
  saved: savedNote,
}: {
  clientId: string;
  clientName: string;
  saved: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState(savedNote);
  const [lastSaved, setLastSaved] = useState(savedNote);
  const [notice, setNotice] = useState<string | null>(null);
  const save = useMutation(
    trpc.review.setWeekNote.mutationOptions({
      onSuccess: (result) => {
        setLastSaved(result.note);
        setNote(result.note);
        setNotice(
          result.note
            ? `Saved. ${clientName} will see this note on their Today page.`
            : `Saved. The note is cleared; ${clientName}'s Today page shows none.`,
        );
        void queryClient.invalidateQueries({ queryKey: trpc.review.bundle.queryKey() });
      },
    }),
  );
  const changed = note.trim() !== lastSaved.trim();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    save.mutate({ clientId, note: note.trim() });
  };

  return (
    <form
      className="tend-form tend-form-wide"
      noValidate
      onSubmit={submit}
      aria-labelledby="week-note-title"
    >
      <FormError message={save.isError ? toProblem(save.error).message : null} />
      <LongTextField
        id="week-note"
        label="What you agreed for this week"
        hint={`A line or two, in words you chose together. ${clientName} sees it on their Today page.`}
        rows={4}
        maxLength={2000}
        value={note}
        onChange={(e) => {
          setNote(e.target.value);
          setNotice(null);
        }}
      />
      <div className="tend-actions">
        <Button type="submit" disabled={save.isPending || !changed}>
          {save.isPending ? "Saving…" : "Save the note"}
        </Button>
        {!changed && lastSaved && !notice ? <span className="tend-hint">Saved.</span> : null}
      </div>
      <Notice>{notice}</Notice>
    </form>
  );
}
