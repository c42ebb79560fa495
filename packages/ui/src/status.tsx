import type { ReactNode } from "react";

/** A polite loading message for screen readers and eyes alike. */
export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="tend-loading" role="status" aria-live="polite">
      {label}
    </p>
  );
}

/** A calm error: what happened and what to try, never blame. */
export function ErrorNotice({
  title = "That did not load",
  children,
}: {
  title?: string;
  children?: ReactNode;
}) {
  return (
    <div className="tend-error" role="alert">
      <p className="tend-error-title">{title}</p>
      {children ? <p>{children}</p> : null}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="tend-empty">{children}</p>;
}

/**
 * A quiet confirmation ("Saved", "Invitation sent"). The live region stays in the page even
 * when empty, so screen readers announce a message the moment it appears.
 */
export function Notice({ children }: { children?: ReactNode }) {
  return (
    <div role="status" className={children ? "tend-notice" : "tend-notice-empty"}>
      {children}
    </div>
  );
}
