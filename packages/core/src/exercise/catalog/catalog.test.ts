import { describe, expect, it } from "vitest";
import { type ExerciseDefinition, exerciseDefinitionSchema, type Step } from "../model.ts";
import { type AnswerValue, validateResponse } from "../response.ts";
import { CATALOG, findCatalogExercise } from "./index.ts";

const SLUGS = [
  "loved-one-test",
  "noticing-inner-voice",
  "soothing-touch",
  "kindness-toward-difficulty",
  "speaking-by-name",
  "checking-inputs",
  "what-holds-me-back",
  "repair-without-shame",
  "weekly-reflection",
];

// "missed" is matched as a whole word only: the required "dismissed" scale pole contains it.
const BANNED = /overdue|streak|\bmissed\b|fail|lazy|should have/i;

/** Every string anywhere inside a value (object keys included). */
function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) allStrings(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      allStrings(v, out);
    }
  }
  return out;
}

/** A filled answer for any step, built only from its definition. */
function fill(step: Step): AnswerValue | undefined {
  switch (step.kind) {
    case "prompt":
      return undefined;
    case "text":
      return step.size === "short" ? "a few words" : "A few sentences about how it went.";
    case "bipolar":
    case "intensity":
      return 6;
    case "choice":
      return step.multiple ? step.options.map((o) => o.id) : [step.options[0]!.id];
    case "checklist":
      return step.items.map((i) => i.id);
    case "timer":
      return { elapsedSeconds: step.seconds };
    case "reframe":
      return {
        harsh: "the harsh words",
        kinder: "the kinder words",
        harshRatings: Object.fromEntries(step.scales.map((s) => [s.id, 2])),
        kinderRatings: Object.fromEntries(step.scales.map((s) => [s.id, 8])),
      };
  }
}

function fillAll(def: ExerciseDefinition): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const step of def.steps) {
    const value = fill(step);
    if (value !== undefined) answers[step.id] = value;
  }
  return answers;
}

function get(slug: string) {
  const entry = findCatalogExercise(slug);
  if (!entry) throw new Error(`no catalog entry ${slug}`);
  return entry.definition;
}

describe("built-in catalog", () => {
  it("holds exactly the nine exercises, in order", () => {
    expect(CATALOG.map((e) => e.slug)).toEqual(SLUGS);
  });

  it("finds entries by slug and nothing else", () => {
    expect(findCatalogExercise("weekly-reflection")?.definition.title).toBe("Weekly reflection");
    expect(findCatalogExercise("not-an-exercise")).toBeUndefined();
  });

  it("has distinct titles", () => {
    expect(new Set(CATALOG.map((e) => e.definition.title)).size).toBe(CATALOG.length);
  });

  describe.each(CATALOG.map((e) => [e.slug, e] as const))("%s", (_slug, entry) => {
    const def = entry.definition;

    it("re-parses unchanged", () => {
      expect(exerciseDefinitionSchema.parse(def)).toEqual(def);
    });

    it("has at least one step to answer", () => {
      expect(def.steps.filter((s) => s.kind !== "prompt").length).toBeGreaterThan(0);
    });

    it("takes between 1 and 60 minutes", () => {
      expect(def.minutes).toBeGreaterThanOrEqual(1);
      expect(def.minutes).toBeLessThanOrEqual(60);
    });

    it("uses no shaming words anywhere", () => {
      const strings = allStrings(entry);
      expect(strings.length).toBeGreaterThan(def.steps.length);
      expect(strings.filter((s) => BANNED.test(s))).toEqual([]);
    });

    it("accepts a completely filled response in complete mode", () => {
      const answers = fillAll(def);
      expect(Object.keys(answers).length).toBeGreaterThan(0);
      expect(validateResponse(def, answers, { partial: false })).toEqual({ ok: true, answers });
    });

    it("does not accept an empty response in complete mode if anything is required", () => {
      const required = def.steps.filter((s) => s.kind !== "prompt" && !s.optional);
      const r = validateResponse(def, {}, { partial: false });
      expect(r.ok ? [] : r.issues.map((i) => i.stepId)).toEqual(required.map((s) => s.id));
    });
  });

  it("the banned-word check itself catches shaming copy", () => {
    const bad = { title: "Practice", steps: [{ label: "You missed a day" }] };
    expect(allStrings(bad).filter((s) => BANNED.test(s))).toEqual(["You missed a day"]);
    const samples = ["Missed it", "Overdue", "a broken streak", "afraid of failing", "so lazy"];
    expect(samples.filter((s) => BANNED.test(s))).toEqual(samples);
    expect(["I should have known", "felt dismissed"].map((s) => BANNED.test(s))).toEqual([
      true,
      false,
    ]);
  });
});

describe("specific exercises", () => {
  it("loved-one test rates both versions on the three scales", () => {
    const reframes = get("loved-one-test").steps.filter((s) => s.kind === "reframe");
    expect(reframes).toHaveLength(1);
    expect(reframes[0]?.scales).toEqual([
      { id: "stuck-motivated", left: "stuck", right: "motivated" },
      { id: "powerless-empowered", left: "powerless", right: "empowered" },
      { id: "dismissed-validated", left: "dismissed", right: "validated" },
    ]);
  });

  it("soothing touch has optional intensity ratings before and after, around the touch", () => {
    const steps = get("soothing-touch").steps;
    const ids = steps.map((s) => s.id);
    for (const id of ["intensity-before", "intensity-after"]) {
      const step = steps.find((s) => s.id === id);
      expect(step?.kind).toBe("intensity");
      expect(step && step.kind !== "prompt" && step.optional).toBe(true);
    }
    const touch = steps.findIndex((s) => s.kind === "prompt");
    expect(ids.indexOf("intensity-before")).toBeLessThan(touch);
    expect(ids.indexOf("intensity-after")).toBeGreaterThan(touch);
    const timer = steps.find((s) => s.kind === "timer");
    expect(timer?.optional).toBe(true);
  });

  it("noticing the inner voice rates how harsh it sounded and asks for no rewrite", () => {
    const steps = get("noticing-inner-voice").steps;
    expect(steps.some((s) => s.kind === "intensity" || s.kind === "bipolar")).toBe(true);
    expect(steps.some((s) => s.kind === "reframe")).toBe(false);
  });

  it("what holds me back offers the five reasons, then one support", () => {
    const steps = get("what-holds-me-back").steps;
    const reasons = steps.find((s) => s.id === "reasons");
    expect(reasons?.kind === "choice" && reasons.multiple).toBe(true);
    expect(reasons?.kind === "choice" && reasons.options.map((o) => o.id)).toEqual([
      "overwhelmed",
      "short-on-time",
      "worried-outcome",
      "executive-function",
      "something-else",
    ]);
    const support = steps.find((s) => s.id === "support");
    expect(support?.kind === "choice" && support.multiple).toBe(false);
    expect(steps.findIndex((s) => s.id === "support")).toBeGreaterThan(
      steps.findIndex((s) => s.id === "reasons"),
    );
  });

  it("checking the inputs ends with one small change", () => {
    const steps = get("checking-inputs").steps;
    expect(steps.some((s) => s.kind === "checklist")).toBe(true);
    expect(steps.at(-1)).toMatchObject({ kind: "text", id: "one-change", size: "short" });
  });

  it("weekly reflection has the three long text steps", () => {
    const steps = get("weekly-reflection").steps;
    expect(steps.map((s) => [s.kind, s.id, s.kind === "text" && s.size])).toEqual([
      ["text", "noticed", "long"],
      ["text", "different", "long"],
      ["text", "bring-to-session", "long"],
    ]);
  });
});
