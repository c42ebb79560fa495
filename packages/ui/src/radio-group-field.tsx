import type { ReactNode } from "react";
import { useFieldIds } from "./field.tsx";

export type RadioOption<V extends string> = { value: V; label: ReactNode; hint?: ReactNode };

/** A set of choices in a fieldset, its question as the legend. */
export function RadioGroupField<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  id,
  disabled,
}: {
  legend: ReactNode;
  name: string;
  value: V;
  options: readonly RadioOption<V>[];
  onChange: (value: V) => void;
  id?: string;
  disabled?: boolean;
}) {
  const ids = useFieldIds(id);
  return (
    <fieldset className="tend-fieldset" id={ids.control} disabled={disabled}>
      <legend className="tend-label">{legend}</legend>
      {options.map((o) => {
        const optionId = `${ids.control}-${o.value}`;
        return (
          <div className="tend-check" key={o.value}>
            <input
              type="radio"
              id={optionId}
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              aria-describedby={o.hint ? `${optionId}-hint` : undefined}
            />
            <div>
              <label htmlFor={optionId}>{o.label}</label>
              {o.hint ? (
                <p className="tend-hint" id={`${optionId}-hint`}>
                  {o.hint}
                </p>
              ) : null}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
