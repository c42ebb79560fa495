import type { Step } from "@tend/core";

const labels: Record<Step["kind"], string> = {
  prompt: "A moment to read",
  text: "Writing",
  bipolar: "A rating between two words",
  intensity: "A 0–10 rating",
  choice: "A choice",
  checklist: "A checklist",
  timer: "A timed pause",
  reframe: "Harsh words and a kinder version",
};

export function stepKindLabel(kind: Step["kind"]): string {
  return labels[kind];
}
