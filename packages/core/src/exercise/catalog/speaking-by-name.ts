import { type CatalogExercise, exerciseDefinitionSchema } from "../model.ts";

export const speakingByName: CatalogExercise = {
  slug: "speaking-by-name",
  definition: exerciseDefinitionSchema.parse({
    title: "Speaking to yourself by name",
    purpose:
      "Rewrite a critical thought in the third person, using the client's own name, to gain a little distance from it.",
    minutes: 5,
    steps: [
      {
        kind: "prompt",
        id: "why-name",
        title: "A little distance",
        body: "Talking about yourself by name, the way you would talk about someone else, can loosen the grip of a harsh thought. It may feel odd at first, and that is fine.",
      },
      {
        kind: "text",
        id: "thought",
        label: "Write down a critical thought you have had about yourself lately, just as it came.",
        size: "long",
      },
      {
        kind: "text",
        id: "by-name",
        label: "Now say it again in the third person, using your own name.",
        hint: 'For example: "Sam is worn out this week, and it makes sense that things feel heavy." Let it be as gentle as you can manage today.',
        size: "long",
      },
      {
        kind: "bipolar",
        id: "distance",
        label: "How does the version with your name feel?",
        scale: { id: "caught-up-spacious", left: "caught up in it", right: "a bit of space" },
        optional: true,
      },
    ],
  }),
};
