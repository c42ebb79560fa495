import type { ReactNode } from "react";
import { useFieldIds } from "./field.tsx";

/**
 * An on/off choice that takes effect at once (a checkbox with the switch role): Space toggles it,
 * the label and the explanation beside it say what "on" means.
 */
export function SwitchField({
  label,
  hint,
  checked,
  onChange,
  disabled,
  id,
}: {
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  id?: string;
}) {
  const ids = useFieldIds(id);
  return (
    <div className={`tend-switch${checked ? " is-on" : ""}`}>
      <span className="tend-switch-track">
        <input
          type="checkbox"
          role="switch"
          aria-checked={checked}
          id={ids.control}
          checked={checked}
          disabled={disabled}
          aria-describedby={hint ? ids.hint : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span className="tend-switch-thumb" aria-hidden="true" />
      </span>
      <div>
        <label htmlFor={ids.control} className="tend-switch-label">
          {label}
        </label>
        {hint ? (
          <p className="tend-hint" id={ids.hint}>
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
