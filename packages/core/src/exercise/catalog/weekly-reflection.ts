import { type CatalogExercise, exerciseDefinitionSchema } from "../model.ts";

export const weeklyReflection: CatalogExercise = {
  slug: "weekly-reflection",
  definition: exerciseDefinitionSchema.parse({
    title: "Weekly reflection",
    purpose:
      "A short look back at the week: what the client noticed, what felt different, and what they want to bring to the next session.",
    minutes: 10,
    steps: [
      {
        kind: "text",
        id: "noticed",
        label: "What did you notice this week about how you speak to yourself?",
        size: "long",
      },
      {
        kind: "text",
        id: "different",
        label: "Did anything feel different, even slightly?",
        hint: "If nothing did, that is worth writing down too.",
        size: "long",
      },
      {
        kind: "text",
        id: "bring-to-session",
        label: "What would you like to bring to your next session?",
        hint: "Only what you want to share. You decide.",
        size: "long",
        optional: true,
      },
    ],
  }),
};
