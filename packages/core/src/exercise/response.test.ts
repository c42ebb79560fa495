import { describe, expect, it } from "vitest";
import { type ExerciseDefinitionInput, exerciseDefinitionSchema } from "./model.ts";
import { isTextStep, validateResponse } from "./response.ts";

const scales = [
  { id: "stuck-motivated", left: "stuck", right: "motivated" },
  { id: "dismissed-validated", left: "dismissed", right: "validated" },
];

/** One step of every kind; required unless noted. */
const definition = exerciseDefinitionSchema.parse({
  title: "Every kind",
  purpose: "Covers every step kind.",
  minutes: 10,
  steps: [
    { kind: "prompt", id: "intro", body: "Welcome." },
    { kind: "text", id: "short", label: "A few words", size: "short" },
    { kind: "text", id: "long", label: "A paragraph", size: "long", optional: true },
    {
      kind: "bipolar",
      id: "bipolar",
      label: "How does it feel?",
      scale: { id: "tense-calm", left: "tense", right: "calm" },
    },
    { kind: "intensity", id: "intensity", label: "How strong?" },
    {
      kind: "choice",
      id: "single",
      label: "Pick one",
      multiple: false,
      options: [
        { id: "a", label: "A" },
        { id: "b", label: "B" },
      ],
    },
    {
      kind: "choice",
      id: "multi",
      label: "Pick any",
      multiple: true,
      options: [
        { id: "x", label: "X" },
        { id: "y", label: "Y" },
        { id: "z", label: "Z" },
      ],
    },
    {
      kind: "checklist",
      id: "checklist",
      label: "Tick",
      items: [
        { id: "one", label: "One" },
        { id: "two", label: "Two" },
      ],
    },
    { kind: "timer", id: "timer", label: "Breathe", seconds: 60 },
    { kind: "reframe", id: "reframe", harshLabel: "Harsh", kinderLabel: "Kinder", scales },
  ],
} satisfies ExerciseDefinitionInput);

const fullReframe = () => ({
  harsh: "I can't get anything right",
  kinder: "This was hard and I kept going",
  harshRatings: { "stuck-motivated": 2, "dismissed-validated": 1 },
  kinderRatings: { "stuck-motivated": 7, "dismissed-validated": 8 },
});

const complete = () => ({
  short: "after the meeting",
  long: "It was a long day.",
  bipolar: 4,
  intensity: 6,
  single: ["b"],
  multi: ["x", "z"],
  checklist: ["two"],
  timer: { elapsedSeconds: 45 },
  reframe: fullReframe(),
});

const modes = [
  ["draft", true],
  ["complete", false],
] as const;

function issuesFor(input: unknown, partial: boolean) {
  const r = validateResponse(definition, input, { partial });
  return r.ok ? [] : r.issues;
}

function stepIdsWithIssues(input: unknown, partial: boolean) {
  return issuesFor(input, partial).map((i) => i.stepId);
}

describe("validateResponse: well-formed answers", () => {
  it("accepts a complete answer set in complete mode and returns the answers", () => {
    const r = validateResponse(definition, complete(), { partial: false });
    expect(r).toEqual({ ok: true, answers: complete() });
  });

  it("accepts a complete answer set in draft mode", () => {
    expect(validateResponse(definition, complete(), { partial: true }).ok).toBe(true);
  });

  it("accepts an empty draft", () => {
    expect(validateResponse(definition, {}, { partial: true })).toEqual({ ok: true, answers: {} });
  });

  it("trims required text in complete mode", () => {
    const r = validateResponse(
      definition,
      { ...complete(), short: "  tired  " },
      { partial: false },
    );
    expect(r.ok && r.answers.short).toBe("tired");
  });

  it.each([0, 10, 5])("accepts rating %s on bipolar and intensity steps", (n) => {
    for (const [, partial] of modes) {
      expect(issuesFor({ ...complete(), bipolar: n, intensity: n }, partial)).toEqual([]);
    }
  });

  it("accepts an empty checklist (ticking nothing is an answer)", () => {
    expect(issuesFor({ ...complete(), checklist: [] }, false)).toEqual([]);
  });

  it("accepts an empty multiple choice in a draft", () => {
    expect(issuesFor({ multi: [] }, true)).toEqual([]);
  });

  it("accepts a draft reframe with words only and some ratings missing", () => {
    const draft = {
      reframe: { harsh: "", kinder: "", harshRatings: { "stuck-motivated": 3 }, kinderRatings: {} },
    };
    expect(issuesFor(draft, true)).toEqual([]);
  });

  it("reports text and reframe steps as the free-text ones", () => {
    expect(definition.steps.filter(isTextStep).map((s) => s.id)).toEqual([
      "short",
      "long",
      "reframe",
    ]);
  });
});

describe.each(modes)("validateResponse (%s mode): malformed answers", (_mode, partial) => {
  it.each([-1, 11, 4.5, Number.NaN, "5", null])("rejects rating %s", (bad) => {
    expect(stepIdsWithIssues({ ...complete(), bipolar: bad }, partial)).toEqual(["bipolar"]);
    expect(stepIdsWithIssues({ ...complete(), intensity: bad }, partial)).toEqual(["intensity"]);
  });

  it("rejects a reframe rating outside 0–10 or not whole", () => {
    const r = fullReframe();
    expect(
      stepIdsWithIssues(
        {
          ...complete(),
          reframe: { ...r, harshRatings: { ...r.harshRatings, "stuck-motivated": 11 } },
        },
        partial,
      ),
    ).toEqual(["reframe"]);
    expect(
      stepIdsWithIssues(
        {
          ...complete(),
          reframe: { ...r, kinderRatings: { ...r.kinderRatings, "stuck-motivated": 6.5 } },
        },
        partial,
      ),
    ).toEqual(["reframe"]);
  });

  it("rejects an unknown step id", () => {
    expect(issuesFor({ ...complete(), nope: "hello" }, partial)).toEqual([
      { stepId: "nope", message: "this exercise has no such question" },
    ]);
  });

  it("rejects an answer to a prompt step", () => {
    expect(stepIdsWithIssues({ ...complete(), intro: "hi" }, partial)).toEqual(["intro"]);
  });

  it("rejects unknown option ids on choice and checklist", () => {
    expect(stepIdsWithIssues({ ...complete(), single: ["c"] }, partial)).toEqual(["single"]);
    expect(stepIdsWithIssues({ ...complete(), multi: ["x", "w"] }, partial)).toEqual(["multi"]);
    expect(stepIdsWithIssues({ ...complete(), checklist: ["three"] }, partial)).toEqual([
      "checklist",
    ]);
  });

  it("rejects two options on a single choice", () => {
    expect(stepIdsWithIssues({ ...complete(), single: ["a", "b"] }, partial)).toEqual(["single"]);
  });

  it("rejects the same option twice", () => {
    expect(stepIdsWithIssues({ ...complete(), multi: ["x", "x"] }, partial)).toEqual(["multi"]);
    expect(stepIdsWithIssues({ ...complete(), checklist: ["one", "one"] }, partial)).toEqual([
      "checklist",
    ]);
  });

  it("rejects a value of the wrong shape for the step", () => {
    expect(stepIdsWithIssues({ ...complete(), short: 3 }, partial)).toEqual(["short"]);
    expect(stepIdsWithIssues({ ...complete(), single: "a" }, partial)).toEqual(["single"]);
    expect(stepIdsWithIssues({ ...complete(), timer: 45 }, partial)).toEqual(["timer"]);
    expect(stepIdsWithIssues({ ...complete(), reframe: "kinder words" }, partial)).toEqual([
      "reframe",
    ]);
  });

  it("rejects a bad timer value and extra keys on a timer", () => {
    expect(stepIdsWithIssues({ ...complete(), timer: { elapsedSeconds: -1 } }, partial)).toEqual([
      "timer",
    ]);
    expect(stepIdsWithIssues({ ...complete(), timer: { elapsedSeconds: 1.5 } }, partial)).toEqual([
      "timer",
    ]);
    expect(
      stepIdsWithIssues({ ...complete(), timer: { elapsedSeconds: 5, note: "x" } }, partial),
    ).toEqual(["timer"]);
  });

  it("rejects extra keys in a reframe answer", () => {
    expect(
      stepIdsWithIssues({ ...complete(), reframe: { ...fullReframe(), mood: "sad" } }, partial),
    ).toEqual(["reframe"]);
  });

  it("rejects a reframe rating for a scale the step does not have", () => {
    const r = fullReframe();
    expect(
      stepIdsWithIssues(
        { ...complete(), reframe: { ...r, harshRatings: { ...r.harshRatings, other: 3 } } },
        partial,
      ),
    ).toEqual(["reframe"]);
  });

  it("rejects text longer than the limit", () => {
    expect(stepIdsWithIssues({ ...complete(), long: "a".repeat(10_001) }, partial)).toEqual([
      "long",
    ]);
  });

  it.each([null, [], "text", 5])("rejects answers that are not an object: %s", (bad) => {
    expect(issuesFor(bad, partial)).toEqual([
      { stepId: "", message: "answers are not in the expected shape" },
    ]);
  });
});

describe("validateResponse (complete mode): what a finished entry needs", () => {
  it("lists every missing required step, and only those", () => {
    expect(stepIdsWithIssues({}, false).sort()).toEqual(
      ["bipolar", "intensity", "multi", "reframe", "short", "single"].sort(),
    );
  });

  it("does not require optional steps (text marked optional, checklist, timer)", () => {
    const { long: _l, checklist: _c, timer: _t, ...rest } = complete();
    expect(issuesFor(rest, false)).toEqual([]);
  });

  it("rejects blank required text but allows blank optional text", () => {
    expect(stepIdsWithIssues({ ...complete(), short: "   " }, false)).toEqual(["short"]);
    expect(issuesFor({ ...complete(), long: "" }, false)).toEqual([]);
    expect(issuesFor({ short: "   " }, true)).toEqual([]);
  });

  it("rejects an empty selection on a required choice", () => {
    expect(stepIdsWithIssues({ ...complete(), single: [] }, false)).toEqual(["single"]);
    expect(stepIdsWithIssues({ ...complete(), multi: [] }, false)).toEqual(["multi"]);
  });

  it("rejects a reframe missing a scale rating", () => {
    const r = fullReframe();
    const { "dismissed-validated": _d, ...kinderOne } = r.kinderRatings;
    const missing = { ...complete(), reframe: { ...r, kinderRatings: kinderOne } };
    expect(stepIdsWithIssues(missing, false)).toEqual(["reframe"]);
    expect(issuesFor(missing, true)).toEqual([]);
  });

  it("rejects a reframe with blank harsh or kinder words", () => {
    expect(
      stepIdsWithIssues({ ...complete(), reframe: { ...fullReframe(), kinder: " " } }, false),
    ).toEqual(["reframe"]);
    expect(
      stepIdsWithIssues({ ...complete(), reframe: { ...fullReframe(), harsh: "" } }, false),
    ).toEqual(["reframe"]);
  });

  it("is not fooled by step ids that exist on Object.prototype", () => {
    const def = exerciseDefinitionSchema.parse({
      title: "Edge",
      purpose: "Edge case.",
      minutes: 1,
      steps: [{ kind: "text", id: "constructor", label: "Anything", size: "short" }],
    });
    const r = validateResponse(def, {}, { partial: false });
    expect(r.ok ? [] : r.issues).toEqual([
      { stepId: "constructor", message: "this step still needs an answer" },
    ]);
  });
});

describe("validateResponse: versions", () => {
  const v1Input = {
    title: "Check-in",
    purpose: "Versioned.",
    minutes: 5,
    steps: [
      { kind: "text", id: "what", label: "What happened?", size: "short" },
      { kind: "intensity", id: "how-strong", label: "How strong?" },
    ],
  } satisfies ExerciseDefinitionInput;
  const v1 = exerciseDefinitionSchema.parse(v1Input);
  const v2 = exerciseDefinitionSchema.parse({ ...v1Input, steps: [v1Input.steps[0]] });
  const answeredForV1 = { what: "a tense call", "how-strong": 7 };

  it("an entry written for version 1 still validates against version 1", () => {
    expect(validateResponse(v1, answeredForV1, { partial: false })).toEqual({
      ok: true,
      answers: answeredForV1,
    });
  });

  it("version 2, which removed a step, rejects that entry", () => {
    expect(validateResponse(v2, answeredForV1, { partial: false })).toEqual({
      ok: false,
      issues: [{ stepId: "how-strong", message: "this exercise has no such question" }],
    });
    expect(validateResponse(v2, { what: "a tense call" }, { partial: false }).ok).toBe(true);
  });
});
