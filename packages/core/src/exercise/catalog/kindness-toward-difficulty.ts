import { type CatalogExercise, exerciseDefinitionSchema } from "../model.ts";

export const kindnessTowardDifficulty: CatalogExercise = {
  slug: "kindness-toward-difficulty",
  definition: exerciseDefinitionSchema.parse({
    title: "Kindness toward the difficulty itself",
    purpose:
      "For clients to whom self-compassion feels foreign: understand, without blame, why it makes sense that it does.",
    minutes: 10,
    steps: [
      {
        kind: "prompt",
        id: "it-makes-sense",
        title: "If this feels strange, that makes sense",
        body: "Being kind to yourself can feel awkward, unfamiliar, even wrong. Most people picked up a different habit somewhere along the way. Here you will look at where, without pointing a finger at anyone, including you.",
      },
      {
        kind: "checklist",
        id: "sources",
        label: "Where might the harder voice have come from? Tick any that fit.",
        items: [
          { id: "growing-up", label: "Things you heard growing up" },
          { id: "school", label: "School or teachers" },
          { id: "work", label: "A job or a profession" },
          { id: "media", label: "Shows, ads or social media" },
          { id: "community", label: "Your culture, faith or community" },
          { id: "hard-times", label: "Hard things you lived through" },
          { id: "elsewhere", label: "Somewhere else" },
        ],
      },
      {
        kind: "text",
        id: "why-it-makes-sense",
        label: "Why might kindness toward yourself feel unfamiliar?",
        hint: "What you were taught, whose standards you took on, and what you went through are all fair places to look. You are looking for understanding, not for someone to blame.",
        size: "long",
      },
      {
        kind: "text",
        id: "to-a-friend",
        label: "If a friend told you all of this, what might you say back to them?",
        size: "short",
        optional: true,
      },
    ],
  }),
};
