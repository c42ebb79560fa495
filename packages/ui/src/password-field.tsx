import { type ComponentPropsWithRef, type ReactNode, useState } from "react";
import { describedBy, Field, useFieldIds } from "./field.tsx";

export type PasswordFieldProps = Omit<ComponentPropsWithRef<"input">, "id" | "type"> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  id?: string;
  /** "new-password" when choosing one, "current-password" when typing one you have. */
  autoComplete: "new-password" | "current-password";
};

/** A password input with a "Show" button, so nobody has to type blind (no confirm field needed). */
export function PasswordField({ label, hint, error, id, className, ...input }: PasswordFieldProps) {
  const ids = useFieldIds(id);
  const [visible, setVisible] = useState(false);
  return (
    <Field ids={ids} label={label} hint={hint} error={error}>
      <div className="tend-password">
        <input
          {...input}
          type={visible ? "text" : "password"}
          id={ids.control}
          className={`tend-input ${className ?? ""}`.trim()}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(ids, hint, error)}
        />
        <button
          type="button"
          className="tend-password-toggle"
          aria-controls={ids.control}
          aria-pressed={visible}
          aria-label={visible ? "Hide password" : "Show password"}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? "Hide" : "Show"}
        </button>
      </div>
    </Field>
  );
}
