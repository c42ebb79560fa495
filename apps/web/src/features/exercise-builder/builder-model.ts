import type { ExerciseDefinition, ExerciseDefinitionInput, Step, StepKind } from "@tend/core";

/** What the builder edits: a definition whose steps may still be incomplete. */
export type BuilderDraft = {
  title: string;
  purpose: string;
  minutes: number;
  steps: Step[];
};

/** `message` names the place (for the summary); `short` is for beside the field itself. */
export type BuilderProblem = { fieldId: string; message: string; short: string };

/** An issue as zod reports it (the browser's own check has the code; the API's has only a message). */
export type SchemaIssue = {
  path: ReadonlyArray<PropertyKey>;
  message: string;
  code?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
};

export const STEP_KIND_CHOICES: Array<{ value: StepKind; label: string }> = [
  { value: "prompt", label: "Something to read" },
  { value: "text", label: "Writing" },
  { value: "reframe", label: "Harsh words and a kinder version" },
  { value: "bipolar", label: "A rating between two words" },
  { value: "intensity", label: "A 0–10 intensity rating" },
  { value: "choice", label: "A choice" },
  { value: "checklist", label: "A checklist" },
  { value: "timer", label: "A timed pause" },
];

export function kindLabel(kind: StepKind): string {
  return STEP_KIND_CHOICES.find((c) => c.value === kind)?.label ?? kind;
}

/** "text-2": the first `prefix-N` not yet taken. Ids are never shown; they only keep answers apart. */
export function uniqueId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

export function blankStep(kind: StepKind, steps: readonly Step[]): Step {
  const id = uniqueId(
    kind,
    steps.map((s) => s.id),
  );
  switch (kind) {
    case "prompt":
      return { kind, id, title: "", body: "" };
    case "text":
      return { kind, id, label: "", hint: "", size: "long", optional: false };
    case "bipolar":
      return { kind, id, label: "", scale: { id: "scale", left: "", right: "" }, optional: false };
    case "intensity":
      return {
        kind,
        id,
        label: "",
        lowLabel: "not at all",
        highLabel: "as strong as it gets",
        optional: false,
      };
    case "choice":
      return {
        kind,
        id,
        label: "",
        multiple: false,
        options: [
          { id: "option-1", label: "" },
          { id: "option-2", label: "" },
        ],
        optional: false,
      };
    case "checklist":
      return { kind, id, label: "", items: [{ id: "item-1", label: "" }], optional: true };
    case "timer":
      return { kind, id, label: "", body: "", seconds: 120, optional: true };
    case "reframe":
      return {
        kind,
        id,
        harshLabel: "What did you tell yourself? Write it the way it sounded.",
        kinderLabel: "What would you say to someone you love in the same spot?",
        hint: "",
        scales: [{ id: "stuck-motivated", left: "stuck", right: "motivated" }],
        optional: false,
      };
  }
}

export function blankDraft(): BuilderDraft {
  return { title: "", purpose: "", minutes: 5, steps: [blankStep("text", [])] };
}

/** A copy of an existing exercise to start from (a built-in one, or the therapist's own to edit). */
export function draftFromDefinition(
  definition: ExerciseDefinition,
  { copy }: { copy: boolean },
): BuilderDraft {
  const clone = structuredClone(definition);
  return {
    title: copy ? `${clone.title} (my version)`.slice(0, 120) : clone.title,
    purpose: clone.purpose,
    minutes: clone.minutes,
    steps: clone.steps,
  };
}

function orUndefined(text: string | undefined): string | undefined {
  return text && text.trim() !== "" ? text : undefined;
}

/** The draft as the schema expects it: empty optional texts left out. */
export function toDefinitionInput(draft: BuilderDraft): ExerciseDefinitionInput {
  return {
    title: draft.title,
    purpose: draft.purpose,
    minutes: draft.minutes,
    steps: draft.steps.map((step) => {
      switch (step.kind) {
        case "prompt":
          return { ...step, title: orUndefined(step.title) };
        case "text":
        case "reframe":
          return { ...step, hint: orUndefined(step.hint) };
        case "timer":
          return { ...step, body: orUndefined(step.body) };
        default:
          return step;
      }
    }),
  };
}

export function moveStep<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return [...items];
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved as T);
  return next;
}

/** Ids of the builder's fields, shared by the form and the error summary. */
export const builderIds = {
  title: "builder-title",
  purpose: "builder-purpose",
  minutes: "builder-minutes",
  steps: "builder-add-kind",
  step: (stepId: string, field: string) => `builder-${stepId}-${field}`,
  sub: (stepId: string, list: string, itemId: string, field: string) =>
    `builder-${stepId}-${list}-${itemId}-${field}`,
};

const FIELD_WORDS: Record<string, string> = {
  title: "title",
  purpose: "purpose",
  minutes: "minutes",
  label: "question",
  body: "text",
  hint: "hint",
  left: "left end",
  right: "right end",
  lowLabel: "low end",
  highLabel: "high end",
  seconds: "length",
  harshLabel: "question for the harsh words",
  kinderLabel: "question for the kinder version",
  options: "options",
  items: "items",
  scales: "scales",
};

/** The problem itself, in plain words (the browser's check knows the code; the API's just the message). */
function what(issue: SchemaIssue): string {
  const min = issue.minimum === undefined ? undefined : Number(issue.minimum);
  const max = issue.maximum === undefined ? undefined : Number(issue.maximum);
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") return "please write a few words";
      if (issue.origin === "array") return `please add at least ${min}`;
      if (issue.origin === "number") return `please use a number of at least ${min}`;
      break;
    case "too_big":
      if (issue.origin === "string") return `please keep it under ${max} characters`;
      if (issue.origin === "array") return `please keep it to ${max} at most`;
      if (issue.origin === "number") return `please use a number no bigger than ${max}`;
      break;
    case "invalid_type":
      if (issue.expected === "number" || issue.expected === "int")
        return "please enter a whole number";
      break;
  }
  return issue.message;
}

/**
 * Schema issues as messages a person can act on, each linked to the field it is about:
 * "Step 2 (Writing), question: please write a few words."
 */
export function describeIssues(
  issues: readonly SchemaIssue[],
  draft: BuilderDraft,
): BuilderProblem[] {
  const out: BuilderProblem[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    if (path[0] === "definition") path.shift();
    let fieldId: string = builderIds.steps;
    let where = "Steps";
    const [top, index, field, subIndex, subField] = path;
    if (top === "title" || top === "purpose" || top === "minutes") {
      fieldId = builderIds[top];
      where = FIELD_WORDS[top]!;
    } else if (top === "steps" && typeof index === "number" && draft.steps[index]) {
      const step = draft.steps[index]!;
      where = `Step ${index + 1} (${kindLabel(step.kind)})`;
      fieldId = builderIds.step(step.id, "kind");
      if (field === "scale" && typeof subIndex === "string") {
        fieldId = builderIds.step(step.id, `scale-${subIndex}`);
        where += `, ${FIELD_WORDS[subIndex] ?? subIndex}`;
      } else if (
        (field === "options" || field === "items" || field === "scales") &&
        typeof subIndex === "number"
      ) {
        const list =
          step.kind === "choice"
            ? step.options
            : step.kind === "checklist"
              ? step.items
              : step.kind === "reframe"
                ? step.scales
                : [];
        const item = list[subIndex];
        const part =
          typeof subField === "string" ? subField : field === "scales" ? "left" : "label";
        if (item) fieldId = builderIds.sub(step.id, field, item.id, part);
        where += `, ${field === "scales" ? "scale" : field === "items" ? "item" : "option"} ${subIndex + 1}`;
        if (field === "scales") where += ` ${FIELD_WORDS[part] ?? part}`;
      } else if (field === "options" || field === "items" || field === "scales") {
        fieldId = builderIds.step(step.id, `${field}-add`);
        where += `, ${FIELD_WORDS[field]}`;
      } else if (typeof field === "string") {
        fieldId = builderIds.step(step.id, field);
        where += `, ${FIELD_WORDS[field] ?? field}`;
      }
    }
    const problem = what(issue);
    const message = `${where.charAt(0).toUpperCase()}${where.slice(1)}: ${problem}.`;
    const key = `${fieldId}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ fieldId, message, short: `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.` });
  }
  return out;
}
