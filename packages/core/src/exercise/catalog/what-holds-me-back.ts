import { type CatalogExercise, exerciseDefinitionSchema } from "../model.ts";

export const whatHoldsMeBack: CatalogExercise = {
  slug: "what-holds-me-back",
  definition: exerciseDefinitionSchema.parse({
    title: "What is holding me back?",
    purpose:
      "When the client is stuck, swap a harsh self-label for curiosity about what is in the way, then choose one support or accommodation to try.",
    minutes: 10,
    steps: [
      {
        kind: "text",
        id: "stuck-on",
        label: "What is the thing you are stuck on?",
        size: "short",
      },
      {
        kind: "prompt",
        id: "get-curious",
        title: "Swap the label for a question",
        body: "When something is not getting done, it is easy to reach for a harsh word about yourself. That word ends the conversation before it starts. Try getting curious instead: what is actually in the way?",
      },
      {
        kind: "choice",
        id: "reasons",
        label: "What might be getting in the way? Choose any that fit.",
        multiple: true,
        options: [
          { id: "overwhelmed", label: "I feel overwhelmed" },
          { id: "short-on-time", label: "I am short on time or energy" },
          { id: "worried-outcome", label: "I am worried about how it will turn out" },
          {
            id: "executive-function",
            label:
              "Starting, planning or keeping track is hard right now (an executive-function snag)",
          },
          { id: "something-else", label: "Something else" },
        ],
      },
      {
        kind: "text",
        id: "more-about-it",
        label: "Anything you would like to add about what is in the way?",
        size: "long",
        optional: true,
      },
      {
        kind: "choice",
        id: "support",
        label: "Pick one support to try.",
        multiple: false,
        options: [
          { id: "tiny-step", label: "Break it down to one tiny first step" },
          { id: "ask-for-help", label: "Ask someone for help or company" },
          { id: "ten-minutes", label: "Work on it for just ten minutes" },
          { id: "reminder", label: "Set up a reminder, list or visual cue" },
          { id: "good-enough", label: "Aim for good enough rather than perfect" },
          { id: "rest-first", label: "Rest first, then come back to it" },
          { id: "other-support", label: "Something else" },
        ],
      },
      {
        kind: "text",
        id: "support-plan",
        label: "What will that look like, and roughly when?",
        hint: "One sentence is enough.",
        size: "short",
      },
    ],
  }),
};
