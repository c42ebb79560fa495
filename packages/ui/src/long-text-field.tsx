import type { ComponentPropsWithRef, ReactNode } from "react";
import { describedBy, Field, useFieldIds } from "./field.tsx";

export type LongTextFieldProps = Omit<ComponentPropsWithRef<"textarea">, "id"> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  id?: string;
};

/** A labelled multi-line text box whose hint and error are announced with it. */
export function LongTextField({
  label,
  hint,
  error,
  id,
  className,
  ...textarea
}: LongTextFieldProps) {
  const ids = useFieldIds(id);
  return (
    <Field ids={ids} label={label} hint={hint} error={error}>
      <textarea
        rows={3}
        {...textarea}
        id={ids.control}
        className={`tend-input tend-textarea ${className ?? ""}`.trim()}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
      />
    </Field>
  );
}
