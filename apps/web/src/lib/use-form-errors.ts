import { useState } from "react";
import { toProblem } from "./errors.ts";
import { onlyProblems, summaryOf } from "./validation.ts";

/**
 * Errors for one form: what the browser found before sending, merged with what the server
 * answered (its sentence, and per-field messages keyed like the form's fields).
 */
export function useFormErrors<K extends string>(
  ids: Record<K, string>,
  mutation: { error: unknown; reset: () => void },
) {
  const [local, setLocal] = useState<Partial<Record<K, string>>>({});
  const problem = mutation.error ? toProblem(mutation.error) : null;
  const errors: Partial<Record<K, string>> = { ...local };
  for (const key of Object.keys(ids) as K[]) {
    const fromServer = problem?.fields[key];
    if (fromServer) errors[key] = fromServer;
  }
  return {
    /** Per-field messages, for each field's `error`. */
    errors,
    /** For the FormError summary. */
    summary: summaryOf(errors, ids),
    message: problem?.message ?? null,
    /** Run the checks; true when all pass. Clears an earlier server answer either way. */
    check(checks: Record<K, string | undefined>): boolean {
      const found = onlyProblems(checks);
      setLocal(found);
      mutation.reset();
      return Object.keys(found).length === 0;
    },
    clear() {
      setLocal({});
      mutation.reset();
    },
  };
}
