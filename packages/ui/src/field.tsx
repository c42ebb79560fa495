import { type ReactNode, useId } from "react";

export type FieldIds = { control: string; hint: string; error: string };

/** Stable ids for a control, its hint and its error message. */
export function useFieldIds(id?: string): FieldIds {
  const generated = useId();
  const control = id ?? `field${generated.replace(/:/g, "")}`;
  return { control, hint: `${control}-hint`, error: `${control}-error` };
}

/** The `aria-describedby` of a control: its hint, then its error, when there are any. */
export function describedBy(ids: FieldIds, hint: ReactNode, error: string | null | undefined) {
  const parts = [hint ? ids.hint : null, error ? ids.error : null].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : undefined;
}

/** A field's frame: a visible label, an optional hint, the error (if any), then the control. */
export function Field({
  ids,
  label,
  hint,
  error,
  children,
}: {
  ids: FieldIds;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  children: ReactNode;
}) {
  return (
    <div className={`tend-field${error ? " tend-field-invalid" : ""}`}>
      <label className="tend-label" htmlFor={ids.control}>
        {label}
      </label>
      {hint ? (
        <p className="tend-hint" id={ids.hint}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="tend-field-error" id={ids.error}>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}
