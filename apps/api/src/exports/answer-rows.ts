import type { ExerciseDefinition } from "@tend/core";

/** One answered field of one step, as a person reads it. */
export type AnswerRow = { stepId: string; stepLabel: string; field: string; value: string };

const scaleName = (s: { left: string; right: string }) => `${s.left} (0) to ${s.right} (10)`;

/**
 * Every answer of an entry, flattened in step order: one row per answered field (a reframe
 * gives its two versions and each version's rating on each scale). Choices show their labels,
 * not ids. Answers to steps the version does not have (there should be none) come last, as JSON.
 */
export function answerRows(
  definition: ExerciseDefinition,
  answers: Record<string, unknown>,
): AnswerRow[] {
  const rows: AnswerRow[] = [];
  const seen = new Set<string>();
  for (const step of definition.steps) {
    const value = answers[step.id];
    seen.add(step.id);
    if (value === undefined || value === null || step.kind === "prompt") continue;
    const row = (stepLabel: string, field: string, v: unknown) =>
      rows.push({ stepId: step.id, stepLabel, field, value: String(v) });
    switch (step.kind) {
      case "text":
        if (typeof value === "string" && value.trim()) row(step.label, "text", value);
        break;
      case "bipolar":
        row(step.label, `rating, ${scaleName(step.scale)}`, value);
        break;
      case "intensity":
        row(step.label, `rating, ${step.lowLabel} (0) to ${step.highLabel} (10)`, value);
        break;
      case "choice":
      case "checklist": {
        const options = step.kind === "choice" ? step.options : step.items;
        const ids = Array.isArray(value) ? (value as string[]) : [];
        const labels = ids.map((id) => options.find((o) => o.id === id)?.label ?? id);
        row(step.label, step.kind === "choice" ? "chosen" : "ticked", labels.join("; "));
        break;
      }
      case "timer": {
        const seconds = (value as { elapsedSeconds?: unknown }).elapsedSeconds;
        if (typeof seconds === "number") row(step.label, "seconds", seconds);
        break;
      }
      case "reframe": {
        const r = value as {
          harsh?: unknown;
          kinder?: unknown;
          harshRatings?: Record<string, unknown>;
          kinderRatings?: Record<string, unknown>;
        };
        if (typeof r.harsh === "string") row(step.harshLabel, "harsh version", r.harsh);
        if (typeof r.kinder === "string") row(step.kinderLabel, "kinder version", r.kinder);
        for (const s of step.scales) {
          const h = r.harshRatings?.[s.id];
          if (typeof h === "number") row(step.harshLabel, `harsh version, ${scaleName(s)}`, h);
        }
        for (const s of step.scales) {
          const k = r.kinderRatings?.[s.id];
          if (typeof k === "number") row(step.kinderLabel, `kinder version, ${scaleName(s)}`, k);
        }
        break;
      }
    }
  }
  for (const [id, value] of Object.entries(answers)) {
    if (!seen.has(id))
      rows.push({ stepId: id, stepLabel: "", field: "value", value: JSON.stringify(value) });
  }
  return rows;
}

/** An answer as a printed page shows it: a question and what was answered. */
export type ReadableAnswer = {
  /** Unique within the entry (step id and field). */
  key: string;
  label: string;
  value: string;
};

/**
 * Answers for reading rather than for a spreadsheet: the words of each step under its
 * question, and a reframe's ratings on one line ("stuck to motivated: harsh 2, kinder 7").
 */
export function readableAnswers(
  definition: ExerciseDefinition,
  answers: Record<string, unknown>,
): ReadableAnswer[] {
  const rows = answerRows(definition, answers);
  const out: ReadableAnswer[] = [];
  for (const step of definition.steps) {
    const mine = rows.filter((r) => r.stepId === step.id);
    if (mine.length === 0) continue;
    if (step.kind !== "reframe") {
      for (const r of mine)
        out.push({ key: `${r.stepId}:${r.field}`, label: r.stepLabel, value: r.value });
      continue;
    }
    const text = (field: string) => mine.find((r) => r.field === field)?.value;
    const harsh = text("harsh version");
    const kinder = text("kinder version");
    if (harsh !== undefined)
      out.push({ key: `${step.id}:harsh`, label: step.harshLabel, value: harsh });
    if (kinder !== undefined)
      out.push({ key: `${step.id}:kinder`, label: step.kinderLabel, value: kinder });
    const felt = step.scales
      .map((s) => {
        const h = text(`harsh version, ${scaleName(s)}`);
        const k = text(`kinder version, ${scaleName(s)}`);
        if (h === undefined && k === undefined) return null;
        return `${s.left} to ${s.right}: harsh ${h ?? "not rated"}, kinder ${k ?? "not rated"}`;
      })
      .filter((line): line is string => line !== null);
    if (felt.length)
      out.push({
        key: `${step.id}:felt`,
        label: "How each version felt, from 0 to 10",
        value: felt.join("\n"),
      });
  }
  for (const r of rows.filter((r) => !definition.steps.some((s) => s.id === r.stepId)))
    out.push({ key: `${r.stepId}:${r.field}`, label: r.stepId, value: r.value });
  return out;
}
