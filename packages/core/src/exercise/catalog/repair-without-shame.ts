import { type CatalogExercise, exerciseDefinitionSchema } from "../model.ts";

export const repairWithoutShame: CatalogExercise = {
  slug: "repair-without-shame",
  definition: exerciseDefinitionSchema.parse({
    title: "Repair without shame",
    purpose:
      "Look at a mistake honestly, describe it the way a kind and fair boss would, and plan a repair: compassion as the ground for accountability, not permission.",
    minutes: 15,
    steps: [
      {
        kind: "prompt",
        id: "not-permission",
        title: "Kind and honest at once",
        body: "Being gentle with yourself about a mistake does not mean pretending it did not matter. It makes it easier to look at clearly and to put right.",
      },
      {
        kind: "text",
        id: "what-happened",
        label: "What happened? Just the facts, as plainly as you can.",
        size: "long",
      },
      {
        kind: "text",
        id: "effect",
        label: "What effect did it have, on you or on anyone else?",
        size: "long",
      },
      {
        kind: "text",
        id: "fair-boss",
        label: "Picture a kind, fair boss who noticed this. How would they put it?",
        hint: 'Something like: "This went wrong. Let\'s work out what would help now."',
        size: "long",
      },
      {
        kind: "text",
        id: "repair",
        label: "What can you do to repair it?",
        size: "long",
      },
      {
        kind: "text",
        id: "prevent",
        label: "What could help it go differently next time?",
        size: "long",
      },
    ],
  }),
};
