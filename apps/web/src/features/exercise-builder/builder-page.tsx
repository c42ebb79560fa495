import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ExerciseDefinition, exerciseDefinitionSchema, type StepKind } from "@tend/core";
import {
  Button,
  Dialog,
  ErrorNotice,
  FormError,
  Loading,
  LongTextField,
  PageHeader,
  SelectField,
  TextField,
} from "@tend/ui";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { toProblem } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import type { RouterOutputs } from "../../lib/trpc-types.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { ClientPreview } from "../library/client-preview.tsx";
import {
  type BuilderDraft,
  type BuilderProblem,
  blankDraft,
  blankStep,
  builderIds,
  describeIssues,
  draftFromDefinition,
  kindLabel,
  moveStep,
  STEP_KIND_CHOICES,
  toDefinitionInput,
} from "./builder-model.ts";
import { StepEditor } from "./step-editor.tsx";

type LibraryExercise = RouterOutputs["exercise"]["listLibrary"][number];

/** Check a draft with the same schema the API uses: the problems, or the definition to save. */
function validate(
  draft: BuilderDraft,
): { ok: true; definition: ExerciseDefinition } | { ok: false; problems: BuilderProblem[] } {
  const result = exerciseDefinitionSchema.safeParse(toDefinitionInput(draft));
  return result.success
    ? { ok: true, definition: result.data }
    : { ok: false, problems: describeIssues(result.error.issues, draft) };
}

/**
 * /library/new (blank, or `?from=<id>` to start from a copy) and /library/:id/edit (the
 * therapist's own exercise). Saving an edit makes a new version; past entries keep theirs.
 */
export function BuilderPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const from = id ?? params.get("from");
  const trpc = useTRPC();
  const source = useQuery({
    ...trpc.exercise.get.queryOptions({ id: from ?? "" }),
    enabled: Boolean(from),
  });

  if (from && source.isPending) return <Loading label="Opening the exercise…" />;
  if (from && source.isError)
    return (
      <ErrorNotice title="We could not open that exercise">
        {toProblem(source.error).message} <Link to="/library">Back to the library</Link>
      </ErrorNotice>
    );
  if (id && source.data?.builtIn)
    return (
      <ErrorNotice title="Built-in exercises stay as they are">
        You can make your own copy and change that instead.{" "}
        <Link to={`/library/new?from=${id}`}>Make my own copy</Link>
      </ErrorNotice>
    );
  const start = source.data
    ? draftFromDefinition(source.data.definition, { copy: !id })
    : blankDraft();
  return (
    <BuilderForm
      key={from ?? "blank"}
      initial={start}
      editingId={id}
      copiedFrom={!id && source.data ? source.data.definition.title : undefined}
    />
  );
}

function BuilderForm({
  initial,
  editingId,
  copiedFrom,
}: {
  initial: BuilderDraft;
  editingId?: string | undefined;
  copiedFrom?: string | undefined;
}) {
  const title = editingId
    ? `Edit ${initial.title}`
    : copiedFrom
      ? `Your own copy of ${copiedFrom}`
      : "New exercise";
  useDocumentTitle(title);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(initial);
  const [attempted, setAttempted] = useState(false);
  const [addKind, setAddKind] = useState<StepKind>("text");
  const [announcement, setAnnouncement] = useState("");
  const [previewing, setPreviewing] = useState<ExerciseDefinition | null>(null);
  const focusNext = useRef<string | null>(null);
  const me = useQuery(trpc.me.get.queryOptions());

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const onSaved = (saved: LibraryExercise) => {
    // The preview reads the library: show the saved version there at once, then refresh.
    queryClient.setQueryData(trpc.exercise.listLibrary.queryKey(), (list) =>
      list?.some((e) => e.id === saved.id)
        ? list.map((e) => (e.id === saved.id ? saved : e))
        : [...(list ?? []), saved],
    );
    void queryClient.invalidateQueries({ queryKey: trpc.exercise.listLibrary.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.exercise.get.queryKey({ id: saved.id }) });
    navigate(`/library/${saved.id}`, { state: { savedVersion: saved.version } });
  };
  const create = useMutation(trpc.exercise.create.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.exercise.update.mutationOptions({ onSuccess: onSaved }));
  const save = editingId ? update : create;

  const local = attempted ? validate(draft) : null;
  const serverProblem = save.error ? toProblem(save.error) : null;
  const problems: BuilderProblem[] = [
    ...(local && !local.ok ? local.problems : []),
    ...(serverProblem
      ? describeIssues(
          Object.entries(serverProblem.fields).map(([path, message]) => ({
            path: path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
            message,
          })),
          draft,
        )
      : []),
  ];
  const errors: Record<string, string | undefined> = {};
  for (const p of problems) errors[p.fieldId] ??= p.short;

  const setSteps = (steps: BuilderDraft["steps"]) => setDraft((d) => ({ ...d, steps }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    save.reset();
    const result = validate(draft);
    if (!result.ok) return;
    const definition = toDefinitionInput(draft);
    if (editingId) update.mutate({ id: editingId, definition });
    else create.mutate({ definition });
  };

  return (
    <>
      <p>
        <Link to="/library">← Library</Link>
      </p>
      <PageHeader
        title={title}
        lead="Clients see each step on its own screen, in this order. Preview it as your client whenever you like."
      />
      <form className="tend-builder" noValidate onSubmit={submit} aria-label={title}>
        <FormError message={serverProblem?.message} problems={problems} />
        <div className="tend-panel tend-stack">
          <TextField
            id={builderIds.title}
            label="Title"
            hint="Your client sees this."
            value={draft.title}
            maxLength={120}
            error={errors[builderIds.title]}
            onChange={(e) => setDraft((d) => ({ ...d, title: e.target.value }))}
          />
          <LongTextField
            id={builderIds.purpose}
            label="Purpose"
            hint="One line for you: what this exercise is for. Clients do not see it."
            value={draft.purpose}
            maxLength={300}
            rows={2}
            error={errors[builderIds.purpose]}
            onChange={(e) => setDraft((d) => ({ ...d, purpose: e.target.value }))}
          />
          <TextField
            id={builderIds.minutes}
            type="number"
            inputMode="numeric"
            min={1}
            max={120}
            label="About how many minutes it takes"
            className="tend-number-input"
            value={Number.isFinite(draft.minutes) ? draft.minutes : ""}
            error={errors[builderIds.minutes]}
            onChange={(e) => setDraft((d) => ({ ...d, minutes: e.target.valueAsNumber }))}
          />
        </div>

        <h2 className="tend-section-title">Steps</h2>
        <ol className="tend-practice-list" aria-label="Steps to edit">
          {draft.steps.map((step, index) => (
            <li key={step.id}>
              <StepEditor
                step={step}
                index={index}
                count={draft.steps.length}
                errors={errors}
                onChange={(changed) =>
                  setSteps(draft.steps.map((s, i) => (i === index ? changed : s)))
                }
                onMove={(to) => {
                  setSteps(moveStep(draft.steps, index, to));
                  focusNext.current = builderIds.step(
                    step.id,
                    to === 0
                      ? "down"
                      : to === draft.steps.length - 1
                        ? "up"
                        : to < index
                          ? "up"
                          : "down",
                  );
                  setAnnouncement(`${kindLabel(step.kind)} step moved to position ${to + 1}.`);
                }}
                onRemove={() => {
                  const rest = draft.steps.filter((_, i) => i !== index);
                  setSteps(rest);
                  const neighbour = rest[Math.max(0, index - 1)];
                  focusNext.current = neighbour
                    ? builderIds.step(neighbour.id, "kind")
                    : builderIds.steps;
                  setAnnouncement(`Step ${index + 1} removed.`);
                }}
              />
            </li>
          ))}
        </ol>
        <div className="tend-builder-add">
          <SelectField
            id={builderIds.steps}
            label="Add a step"
            value={addKind}
            error={errors[builderIds.steps]}
            onChange={(e) => setAddKind(e.target.value as StepKind)}
            options={STEP_KIND_CHOICES}
          />
          <Button
            variant="secondary"
            onClick={() => {
              const step = blankStep(addKind, draft.steps);
              setSteps([...draft.steps, step]);
              focusNext.current = builderIds.step(step.id, "kind");
              setAnnouncement(
                `${kindLabel(addKind)} step added as step ${draft.steps.length + 1}.`,
              );
            }}
          >
            Add step
          </Button>
        </div>
        <div role="status" className="tend-visually-hidden">
          {announcement}
        </div>

        <p className="tend-gentle-note">
          {editingId
            ? "Saving makes a new version: entries your clients already made stay as they were, and new practice uses the new version."
            : "Only you can see and assign your own exercises."}
        </p>
        <div className="tend-actions">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : editingId ? "Save a new version" : "Save exercise"}
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              setAttempted(true);
              const result = validate(draft);
              if (result.ok) setPreviewing(result.definition);
            }}
          >
            Preview as your client
          </Button>
          <Link to={editingId ? `/library/${editingId}` : "/library"}>Cancel</Link>
        </div>
      </form>
      <Dialog
        open={previewing !== null}
        onClose={() => setPreviewing(null)}
        title="As your client will see it"
      >
        {previewing ? (
          <ClientPreview definition={previewing} therapistName={me.data?.name ?? "you"} />
        ) : null}
      </Dialog>
    </>
  );
}
