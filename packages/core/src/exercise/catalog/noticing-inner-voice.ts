import { type CatalogExercise, exerciseDefinitionSchema } from "../model.ts";

export const noticingInnerVoice: CatalogExercise = {
  slug: "noticing-inner-voice",
  definition: exerciseDefinitionSchema.parse({
    title: "Noticing the inner voice",
    purpose:
      "Build awareness first: log one moment of self-talk, how harsh it sounded and where it showed up in the body, with no rewriting asked.",
    minutes: 5,
    steps: [
      {
        kind: "prompt",
        id: "just-notice",
        title: "Only noticing today",
        body: "This is not about changing anything. You are simply getting to know the voice you use with yourself, the way you might listen to a song to learn the words.",
      },
      {
        kind: "text",
        id: "moment",
        label: "What was going on at the time?",
        hint: "A few words are enough, for example: getting ready for work, after a phone call.",
        size: "short",
      },
      {
        kind: "text",
        id: "self-talk",
        label: "What did you say to yourself? Write it the way it sounded.",
        size: "long",
      },
      {
        kind: "intensity",
        id: "harshness",
        label: "How harsh did it sound?",
        lowLabel: "not harsh at all",
        highLabel: "as harsh as it gets",
      },
      {
        kind: "text",
        id: "in-body",
        label: "Where did you feel it in your body?",
        hint: "Your chest, throat, stomach, shoulders, jaw… or nowhere you could tell. Any answer is useful.",
        size: "short",
        optional: true,
      },
      {
        kind: "prompt",
        id: "thanks",
        title: "That's the practice",
        body: "You paused and listened. That is exactly what this exercise asks, nothing more.",
      },
    ],
  }),
};
