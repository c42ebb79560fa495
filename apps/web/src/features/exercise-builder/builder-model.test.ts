import { exerciseDefinitionSchema, findCatalogExercise } from "@tend/core";
import { describe, expect, it } from "vitest";
import {
  blankDraft,
  blankStep,
  builderIds,
  describeIssues,
  draftFromDefinition,
  moveStep,
  toDefinitionInput,
  uniqueId,
} from "./builder-model.ts";

const check = (draft: ReturnType<typeof blankDraft>) => {
  const r = exerciseDefinitionSchema.safeParse(toDefinitionInput(draft));
  return r.success ? [] : describeIssues(r.error.issues, draft);
};

describe("the exercise builder's draft", () => {
  it("a copy of a built-in exercise is valid as it stands, under its own title", () => {
    const lovedOne = findCatalogExercise("loved-one-test")!.definition;
    const draft = draftFromDefinition(lovedOne, { copy: true });
    expect(draft.title).toBe("The loved-one test (my version)");
    expect(check(draft)).toEqual([]);
    draft.steps[0] = { ...draft.steps[0]!, id: "changed" };
    expect(lovedOne.steps[0]!.id).toBe("picture");
  });

  it("every kind of new step gets a distinct id", () => {
    let steps = blankDraft().steps;
    for (const kind of ["text", "text", "reframe", "timer"] as const)
      steps = [...steps, blankStep(kind, steps)];
    expect(steps.map((s) => s.id)).toEqual(["text-1", "text-2", "text-3", "reframe-1", "timer-1"]);
    expect(uniqueId("option", ["option-1", "option-3"])).toBe("option-2");
  });

  it("leaves out empty optional words rather than failing on them", () => {
    const draft = blankDraft();
    draft.steps = [blankStep("prompt", []), blankStep("timer", [])];
    const input = toDefinitionInput(draft);
    expect(input.steps[0]).not.toHaveProperty("title", "");
    expect((input.steps[0] as { title?: string }).title).toBeUndefined();
    expect((input.steps[1] as { body?: string }).body).toBeUndefined();
  });

  it("says what needs another look, in words, linked to the field", () => {
    const draft = blankDraft();
    draft.minutes = Number.NaN;
    draft.steps = [...draft.steps, blankStep("choice", draft.steps)];
    const problems = check(draft);
    const byField = Object.fromEntries(problems.map((p) => [p.fieldId, p.message]));
    expect(byField[builderIds.title]).toBe("Title: please write a few words.");
    expect(byField[builderIds.minutes]).toBe("Minutes: please enter a whole number.");
    expect(byField[builderIds.step("text-1", "label")]).toBe(
      "Step 1 (Writing), question: please write a few words.",
    );
    expect(byField[builderIds.sub("choice-1", "options", "option-2", "label")]).toBe(
      "Step 2 (A choice), option 2: please write a few words.",
    );
  });

  it("asks for at least one step to answer", () => {
    const draft = { ...blankDraft(), title: "T", purpose: "P" };
    draft.steps = [{ kind: "prompt", id: "p", body: "Read this" }];
    expect(check(draft)).toEqual([
      {
        fieldId: builderIds.steps,
        message: "Steps: an exercise needs at least one step to answer.",
        short: "An exercise needs at least one step to answer.",
      },
    ]);
  });

  it("reads the API's issue paths too", () => {
    const draft = blankDraft();
    expect(
      describeIssues([{ path: ["definition", "steps", 0, "label"], message: "Too small" }], draft),
    ).toMatchObject([
      {
        fieldId: builderIds.step("text-1", "label"),
        message: "Step 1 (Writing), question: Too small.",
      },
    ]);
  });

  it("moves steps up and down, and not past either end", () => {
    expect(moveStep(["a", "b", "c"], 2, 1)).toEqual(["a", "c", "b"]);
    expect(moveStep(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
  });
});
