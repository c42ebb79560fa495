import type { MouseEvent } from "react";

export type FieldProblem = { fieldId: string; message: string };

function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  field.focus();
  field.scrollIntoView?.({ block: "center" });
}

/**
 * The error summary at the top of a form: one calm sentence, and a link to each field that
 * needs another look. Announced as soon as it appears (role="alert"). Renders nothing when
 * there is nothing to say.
 */
export function FormError({
  title,
  message,
  problems = [],
}: {
  title?: string;
  message?: string | null | undefined;
  problems?: readonly FieldProblem[];
}) {
  if (!message && problems.length === 0) return null;
  const heading =
    title ??
    (problems.length > 1
      ? "A few details need another look"
      : problems.length === 1
        ? "One detail needs another look"
        : undefined);
  return (
    <div className="tend-error-summary" role="alert">
      {heading ? <p className="tend-error-title">{heading}</p> : null}
      {message ? <p>{message}</p> : null}
      {problems.length > 0 ? (
        <ul>
          {problems.map((p) => (
            <li key={p.fieldId}>
              <a href={`#${p.fieldId}`} onClick={(e) => focusField(e, p.fieldId)}>
                {p.message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
