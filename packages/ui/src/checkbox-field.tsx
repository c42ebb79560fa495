import type { ComponentPropsWithRef, ReactNode } from "react";
import { useFieldIds } from "./field.tsx";

export type CheckboxFieldProps = Omit<ComponentPropsWithRef<"input">, "id" | "type"> & {
  label: ReactNode;
  hint?: ReactNode;
  id?: string;
};

/** A checkbox with its label beside it and an optional explanation below. */
export function CheckboxField({ label, hint, id, ...input }: CheckboxFieldProps) {
  const ids = useFieldIds(id);
  return (
    <div className="tend-check">
      <input
        {...input}
        type="checkbox"
        id={ids.control}
        aria-describedby={hint ? ids.hint : undefined}
      />
      <div>
        <label htmlFor={ids.control}>{label}</label>
        {hint ? (
          <p className="tend-hint" id={ids.hint}>
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
