import { useId, useRef, useState } from "react";
import { Button } from "./button.tsx";

/**
 * A value to copy (a private link shown once): read-only, selected on focus, with a Copy
 * button that says when it worked. Where the clipboard is not available, the text is selected
 * so the person can copy it themselves.
 */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const id = `copy${useId().replace(/:/g, "")}`;
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<"idle" | "copied" | "select">("idle");

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      input.current?.focus();
      input.current?.select();
      setState("select");
    }
  };

  return (
    <div className="tend-field">
      <label className="tend-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="tend-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="tend-copy">
        <input
          ref={input}
          id={id}
          className="tend-input tend-copy-input"
          readOnly
          value={value}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button variant="secondary" onClick={() => void copy()}>
          {state === "copied" ? "Copied" : "Copy"}
        </Button>
      </div>
      <p role="status" className="tend-hint">
        {state === "copied"
          ? "Copied to your clipboard."
          : state === "select"
            ? "Copying did not work here; the link is selected, so you can copy it yourself."
            : ""}
      </p>
    </div>
  );
}
