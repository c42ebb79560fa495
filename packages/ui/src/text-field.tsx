import type { ComponentPropsWithRef, ReactNode } from "react";
import { describedBy, Field, useFieldIds } from "./field.tsx";

export type TextFieldProps = Omit<ComponentPropsWithRef<"input">, "id"> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  id?: string;
};

/** A labelled text input whose hint and error are announced with it. */
export function TextField({ label, hint, error, id, className, ...input }: TextFieldProps) {
  const ids = useFieldIds(id);
  return (
    <Field ids={ids} label={label} hint={hint} error={error}>
      <input
        type="text"
        {...input}
        id={ids.control}
        className={`tend-input ${className ?? ""}`.trim()}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
      />
    </Field>
  );
}
