import { describe, expect, it } from "vitest";
import { exerciseDefinitionSchema, STEP_KINDS, stepSchema } from "./model.ts";

const validInput = () => ({
  title: "A small check-in",
  purpose: "A short test exercise.",
  minutes: 5,
  steps: [
    { kind: "prompt", id: "intro", body: "Take a breath." },
    { kind: "text", id: "how", label: "How are you?", size: "short" },
    {
      kind: "choice",
      id: "mood",
      label: "Pick one",
      multiple: false,
      options: [
        { id: "calm", label: "Calm" },
        { id: "tense", label: "Tense" },
      ],
    },
    { kind: "timer", id: "pause", label: "Pause", seconds: 60 },
  ],
});

function issueMessages(input: unknown): string[] {
  const r = exerciseDefinitionSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

describe("exerciseDefinitionSchema", () => {
  it("accepts a valid exercise and fills in defaults", () => {
    const def = exerciseDefinitionSchema.parse(validInput());
    expect(def.steps.map((s) => s.id)).toEqual(["intro", "how", "mood", "pause"]);
    const text = def.steps[1];
    const timer = def.steps[3];
    expect(text?.kind === "text" && text.optional).toBe(false);
    expect(timer?.kind === "timer" && timer.optional).toBe(true);
  });

  it("knows all eight step kinds", () => {
    expect([...STEP_KINDS].sort()).toEqual(
      ["bipolar", "checklist", "choice", "intensity", "prompt", "reframe", "text", "timer"].sort(),
    );
  });

  it("rejects duplicate step ids", () => {
    const input = validInput();
    input.steps.push({ kind: "text", id: "how", label: "Again?", size: "long" });
    expect(issueMessages(input)).toContain('step id "how" is used twice');
  });

  it("rejects duplicate option ids in a choice", () => {
    const input = validInput();
    input.steps[2] = {
      kind: "choice",
      id: "mood",
      label: "Pick one",
      multiple: true,
      options: [
        { id: "calm", label: "Calm" },
        { id: "calm", label: "Also calm" },
      ],
    };
    expect(issueMessages(input)).toContain("options and scales need distinct ids");
  });

  it("rejects duplicate item ids in a checklist and duplicate scale ids in a reframe", () => {
    const checklist = validInput();
    checklist.steps.push({
      kind: "checklist",
      id: "list",
      label: "Tick",
      items: [
        { id: "a", label: "A" },
        { id: "a", label: "A again" },
      ],
    } as never);
    expect(issueMessages(checklist)).toContain("options and scales need distinct ids");

    const reframe = validInput();
    reframe.steps.push({
      kind: "reframe",
      id: "rf",
      harshLabel: "Harsh",
      kinderLabel: "Kinder",
      scales: [
        { id: "s", left: "low", right: "high" },
        { id: "s", left: "low", right: "high" },
      ],
    } as never);
    expect(issueMessages(reframe)).toContain("options and scales need distinct ids");
  });

  it("rejects an exercise made only of prompts", () => {
    const input = {
      ...validInput(),
      steps: [
        { kind: "prompt", id: "a", body: "One." },
        { kind: "prompt", id: "b", body: "Two." },
      ],
    };
    expect(issueMessages(input)).toContain("an exercise needs at least one step to answer");
  });

  it("rejects an exercise with no steps", () => {
    expect(exerciseDefinitionSchema.safeParse({ ...validInput(), steps: [] }).success).toBe(false);
  });

  it.each([
    [9, false],
    [10, true],
    [3600, true],
    [3601, false],
    [30.5, false],
  ])("timer of %s seconds valid: %s", (seconds, ok) => {
    const input = validInput();
    input.steps[3] = { kind: "timer", id: "pause", label: "Pause", seconds };
    expect(exerciseDefinitionSchema.safeParse(input).success).toBe(ok);
  });

  it("rejects unknown step kinds", () => {
    const input = validInput();
    input.steps.push({ kind: "slider", id: "x", label: "Slide" } as never);
    expect(exerciseDefinitionSchema.safeParse(input).success).toBe(false);
    expect(stepSchema.safeParse({ kind: "video", id: "v", body: "x" }).success).toBe(false);
  });

  it("rejects ids that are not lowercase slugs", () => {
    const input = validInput();
    input.steps[1] = { kind: "text", id: "How Are You", label: "How are you?", size: "short" };
    expect(exerciseDefinitionSchema.safeParse(input).success).toBe(false);
  });

  it("rejects a choice with a single option and minutes out of range", () => {
    const oneOption = validInput();
    oneOption.steps[2] = {
      kind: "choice",
      id: "mood",
      label: "Pick",
      multiple: false,
      options: [{ id: "only", label: "Only" }],
    };
    expect(exerciseDefinitionSchema.safeParse(oneOption).success).toBe(false);
    expect(exerciseDefinitionSchema.safeParse({ ...validInput(), minutes: 0 }).success).toBe(false);
    expect(exerciseDefinitionSchema.safeParse({ ...validInput(), minutes: 121 }).success).toBe(
      false,
    );
  });
});
