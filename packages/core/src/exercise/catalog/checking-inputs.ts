import { type CatalogExercise, exerciseDefinitionSchema } from "../model.ts";

export const checkingInputs: CatalogExercise = {
  slug: "checking-inputs",
  definition: exerciseDefinitionSchema.parse({
    title: "Checking the inputs",
    purpose:
      "Take stock of the shows, feeds, people and self-talk habits that feed the inner critic, and pick one small change for the week.",
    minutes: 10,
    steps: [
      {
        kind: "prompt",
        id: "inventory",
        title: "A gentle inventory",
        body: "Much of what we tell ourselves echoes what we take in every day. This is a look around, not a clear-out: you only need to notice, then choose one small thing.",
      },
      {
        kind: "checklist",
        id: "inputs",
        label:
          "Which of these sometimes leave you feeling you are not doing enough, or not enough as you are?",
        items: [
          { id: "social-feeds", label: "Social media feeds" },
          { id: "shows", label: "Shows, films or videos" },
          { id: "news", label: "The news" },
          { id: "ads", label: "Ads" },
          { id: "people", label: "Certain people or conversations" },
          { id: "work-messages", label: "Work chats or messages" },
          { id: "self-talk", label: "Your own habits of self-talk" },
          { id: "other", label: "Something else" },
        ],
      },
      {
        kind: "text",
        id: "specifics",
        label: "Name the particular ones that come to mind.",
        hint: "A show, an account, a kind of conversation, a phrase you often think. A short list is plenty.",
        size: "long",
      },
      {
        kind: "text",
        id: "one-change",
        label: "What is one small change you would like to try this week?",
        hint: "Small works best: muting one account, a walk instead of scrolling after dinner, noticing one phrase when it comes up.",
        size: "short",
      },
    ],
  }),
};
