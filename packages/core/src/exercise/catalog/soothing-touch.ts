import { type CatalogExercise, exerciseDefinitionSchema } from "../model.ts";

export const soothingTouch: CatalogExercise = {
  slug: "soothing-touch",
  definition: exerciseDefinitionSchema.parse({
    title: "Soothing touch",
    purpose:
      "A hand on the heart (or another comforting touch) while naming the pain, with optional before/after intensity ratings.",
    minutes: 5,
    steps: [
      {
        kind: "intensity",
        id: "intensity-before",
        label: "Before you begin: how strong is the feeling right now?",
        optional: true,
      },
      {
        kind: "prompt",
        id: "touch",
        title: "A hand where it helps",
        body: 'Rest a hand on your heart, or wherever feels comforting: your cheek, your arm, your belly. Notice its warmth. Then quietly name what you are feeling, something like "this hurts" or "this is really hard right now."',
      },
      {
        kind: "timer",
        id: "stay",
        label: "Stay with it for a couple of minutes, if you like",
        body: "Breathe at your own pace. You can stop whenever you want.",
        seconds: 120,
      },
      {
        kind: "intensity",
        id: "intensity-after",
        label: "And now: how strong is the feeling?",
        optional: true,
      },
      {
        kind: "text",
        id: "words",
        label: "What words did you use with yourself?",
        hint: "Only if you would like to keep them.",
        size: "short",
        optional: true,
      },
    ],
  }),
};
