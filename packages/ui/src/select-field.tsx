import type { ComponentPropsWithRef, ReactNode } from "react";
import { describedBy, Field, useFieldIds } from "./field.tsx";

export type SelectOption = { value: string; label: string };

export type SelectFieldProps = Omit<ComponentPropsWithRef<"select">, "id" | "children"> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  id?: string;
  options: readonly SelectOption[];
};

export function SelectField({
  label,
  hint,
  error,
  id,
  options,
  className,
  ...select
}: SelectFieldProps) {
  const ids = useFieldIds(id);
  return (
    <Field ids={ids} label={label} hint={hint} error={error}>
      <select
        {...select}
        id={ids.control}
        className={`tend-input tend-select ${className ?? ""}`.trim()}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
