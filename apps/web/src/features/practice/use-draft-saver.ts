import type { ExerciseDefinition } from "@tend/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPCClient } from "../../lib/trpc.ts";
import { type Answers, answersToSave } from "./answers.ts";

export type SaveState = "idle" | "saving" | "saved" | "failed";

const DELAY_MS = 800;

/**
 * Saves a practice's answers as a draft while the client goes: a moment after they stop typing,
 * whenever they move on, and when they leave the page. Saves run one after another, so an
 * older draft never lands after a newer one.
 */
export function useDraftSaver(entryId: string, definition: ExerciseDefinition) {
  const client = useTRPCClient();
  const [state, setState] = useState<SaveState>("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<Answers | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());

  const run = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    const answers = pending.current;
    pending.current = null;
    if (!answers) return chain.current;
    setState("saving");
    chain.current = chain.current.then(() =>
      client.practice.saveDraft
        .mutate({ entryId, answers: answersToSave(definition, answers) })
        .then(
          () => setState(pending.current ? "saving" : "saved"),
          () => {
            // Keep the words for the next try (a newer change replaces them).
            pending.current ??= answers;
            setState("failed");
          },
        ),
    );
    return chain.current;
  }, [client, entryId, definition]);

  const schedule = useCallback(
    (answers: Answers) => {
      pending.current = answers;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void run(), DELAY_MS);
    },
    [run],
  );

  /** Drop anything not yet sent and wait for saves in flight (before finishing the entry). */
  const settle = useCallback(() => {
    clearTimeout(timer.current);
    pending.current = null;
    return chain.current;
  }, []);

  useEffect(
    () => () => {
      if (pending.current) void run();
    },
    [run],
  );

  return { state, schedule, flush: run, settle };
}
