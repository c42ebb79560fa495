import { type CatalogExercise, exerciseDefinitionSchema } from "../model.ts";

export const lovedOneTest: CatalogExercise = {
  slug: "loved-one-test",
  definition: exerciseDefinitionSchema.parse({
    title: "The loved-one test",
    purpose:
      "Catch a harsh self-statement, rewrite it the way the client would speak to someone they love, and rate how each version lands.",
    minutes: 10,
    steps: [
      {
        kind: "prompt",
        id: "picture",
        title: "Bring someone to mind",
        body: "Think of a person you care about deeply: a friend, a child, a partner, even a pet. Notice how you speak to them when they are having a hard time.",
      },
      {
        kind: "prompt",
        id: "no-blame",
        title: "There is no wrong answer here",
        body: "If you notice you talk to yourself far more harshly than you would to them, that is simply useful to know. Nothing to fix yet, and nothing to be hard on yourself about.",
      },
      {
        kind: "reframe",
        id: "reframe",
        harshLabel: "What did you tell yourself? Write it the way it sounded in your head.",
        kinderLabel: "Now write what you would say to your person if they were in the same spot.",
        hint: "Take your time. Rough words are fine; nobody is grading this.",
        scales: [
          { id: "stuck-motivated", left: "stuck", right: "motivated" },
          { id: "powerless-empowered", left: "powerless", right: "empowered" },
          { id: "dismissed-validated", left: "dismissed", right: "validated" },
        ],
      },
      {
        kind: "text",
        id: "noticed",
        label: "Anything you noticed while doing this?",
        size: "long",
        optional: true,
      },
    ],
  }),
};
