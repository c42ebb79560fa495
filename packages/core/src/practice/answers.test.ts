import { describe, expect, it } from "vitest";
import { lovedOneTest } from "../exercise/catalog/loved-one-test.ts";
import { soothingTouch } from "../exercise/catalog/soothing-touch.ts";
import { whatHoldsMeBack } from "../exercise/catalog/what-holds-me-back.ts";
import { exerciseDefinitionSchema } from "../exercise/model.ts";
import { type Answers, validateResponse } from "../exercise/response.ts";
import { joinAnswers, splitAnswers } from "./answers.ts";

/** What the database does to both halves: words are JSON inside a ciphertext, measures jsonb. */
const stored = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** Every string the client wrote, for "none of it is in measures". */
const WORDS = ["HARSH-you-never-get-it-right", "KINDER-you-are-learning", "NOTICED-my-shoulders"];

describe("loved-one test", () => {
  const def = lovedOneTest.definition;
  const answers: Answers = {
    reframe: {
      harsh: WORDS[0]!,
      kinder: WORDS[1]!,
      harshRatings: { "stuck-motivated": 1, "powerless-empowered": 2, "dismissed-validated": 0 },
      kinderRatings: { "stuck-motivated": 7, "powerless-empowered": 8, "dismissed-validated": 10 },
    },
    noticed: WORDS[2]!,
  };

  it("is a valid finished answer set (so the fixture means something)", () => {
    expect(validateResponse(def, answers, { partial: false }).ok).toBe(true);
  });

  it("puts the harsh and kinder words and text steps in `words`, the ratings in `measures`", () => {
    const { words, measures } = splitAnswers(def, answers);
    expect(words).toEqual({
      reframe: { harsh: WORDS[0], kinder: WORDS[1] },
      noticed: WORDS[2],
    });
    expect(measures).toEqual({
      reframe: {
        harshRatings: { "stuck-motivated": 1, "powerless-empowered": 2, "dismissed-validated": 0 },
        kinderRatings: {
          "stuck-motivated": 7,
          "powerless-empowered": 8,
          "dismissed-validated": 10,
        },
      },
    });
    const plain = JSON.stringify(measures);
    for (const w of WORDS) expect(plain).not.toContain(w);
  });

  it("join restores the original exactly, also after a trip through storage", () => {
    const { words, measures } = splitAnswers(def, answers);
    expect(joinAnswers(words, measures)).toStrictEqual(answers);
    expect(joinAnswers(stored(words), stored(measures))).toStrictEqual(answers);
  });

  it("a draft with only some words and some ratings round-trips too", () => {
    const draft: Answers = {
      reframe: {
        harsh: "half a thought",
        kinder: "",
        harshRatings: { "stuck-motivated": 3 },
        kinderRatings: {},
      },
    };
    expect(validateResponse(def, draft, { partial: true }).ok).toBe(true);
    const { words, measures } = splitAnswers(def, draft);
    expect(words).toEqual({ reframe: { harsh: "half a thought", kinder: "" } });
    expect(measures).toEqual({
      reframe: { harshRatings: { "stuck-motivated": 3 }, kinderRatings: {} },
    });
    expect(joinAnswers(stored(words), stored(measures))).toStrictEqual(draft);
  });

  it("no answers: both halves empty", () => {
    expect(splitAnswers(def, {})).toEqual({ words: {}, measures: {} });
    expect(joinAnswers({}, {})).toEqual({});
  });
});

describe("soothing touch", () => {
  const def = soothingTouch.definition;
  const answers: Answers = {
    "intensity-before": 8,
    stay: { elapsedSeconds: 95 },
    "intensity-after": 4,
    words: "this is really hard, and I am here",
  };

  it("is a valid finished answer set", () => {
    expect(validateResponse(def, answers, { partial: false }).ok).toBe(true);
  });

  it("ratings and the timer are measures; the text step is words", () => {
    const { words, measures } = splitAnswers(def, answers);
    expect(words).toEqual({ words: "this is really hard, and I am here" });
    expect(measures).toEqual({
      "intensity-before": 8,
      stay: { elapsedSeconds: 95 },
      "intensity-after": 4,
    });
    expect(JSON.stringify(measures)).not.toContain("really hard");
  });

  it("join restores the original exactly", () => {
    const { words, measures } = splitAnswers(def, answers);
    expect(joinAnswers(stored(words), stored(measures))).toStrictEqual(answers);
  });

  it("without the optional words, `words` is empty", () => {
    const noWords: Answers = { "intensity-before": 0, stay: { elapsedSeconds: 0 } };
    const { words, measures } = splitAnswers(def, noWords);
    expect(words).toEqual({});
    expect(joinAnswers(stored(words), stored(measures))).toStrictEqual(noWords);
  });
});

describe("choices, checklists and bipolar scales are measures", () => {
  it("what holds me back: choices in measures, text in words", () => {
    const def = whatHoldsMeBack.definition;
    const answers: Answers = {
      "stuck-on": "the tax return",
      reasons: ["overwhelmed", "executive-function"],
      "more-about-it": "the forms look like a wall",
      support: ["tiny-step"],
      "support-plan": "open the folder on Saturday morning",
    };
    expect(validateResponse(def, answers, { partial: false }).ok).toBe(true);
    const { words, measures } = splitAnswers(def, answers);
    expect(words).toEqual({
      "stuck-on": "the tax return",
      "more-about-it": "the forms look like a wall",
      "support-plan": "open the folder on Saturday morning",
    });
    expect(measures).toEqual({
      reasons: ["overwhelmed", "executive-function"],
      support: ["tiny-step"],
    });
    expect(joinAnswers(stored(words), stored(measures))).toStrictEqual(answers);
  });

  it("every kind at once", () => {
    const def = exerciseDefinitionSchema.parse({
      title: "All kinds",
      purpose: "Test.",
      minutes: 5,
      steps: [
        { kind: "prompt", id: "intro", body: "Hello." },
        {
          kind: "bipolar",
          id: "feel",
          label: "Feel",
          scale: { id: "tense-calm", left: "tense", right: "calm" },
        },
        {
          kind: "checklist",
          id: "done",
          label: "Done",
          items: [
            { id: "a", label: "A" },
            { id: "b", label: "B" },
          ],
        },
        { kind: "timer", id: "t", label: "Breathe", seconds: 60 },
        { kind: "text", id: "note", label: "Note", size: "short" },
      ],
    });
    const answers: Answers = { feel: 6, done: ["b"], t: { elapsedSeconds: 61 }, note: "calmer" };
    const { words, measures } = splitAnswers(def, answers);
    expect(words).toEqual({ note: "calmer" });
    expect(measures).toEqual({ feel: 6, done: ["b"], t: { elapsedSeconds: 61 } });
    expect(joinAnswers(stored(words), stored(measures))).toStrictEqual(answers);
  });
});
