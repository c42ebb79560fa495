import type { ReactNode } from "react";

/**
 * A page without the app's navigation, for one thing on a whole screen (the review a
 * therapist and client look at together): a bar with its title and a way out, the content,
 * and, as on every page, where to find urgent help.
 */
export function FocusShell({
  label,
  actions,
  children,
}: {
  /** Shown in the top bar, e.g. "Reviewing together". */
  label: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="tend-shell tend-focus-shell">
      <a className="tend-skip" href="#main">
        Skip to content
      </a>
      <header className="tend-header tend-focus-header">
        <span className="tend-brand">
          <span aria-hidden="true" className="tend-brand-mark">
            ❦
          </span>{" "}
          Tend
        </span>
        <span className="tend-focus-label">{label}</span>
        {actions ? <div className="tend-header-actions">{actions}</div> : null}
      </header>
      <main id="main" className="tend-main tend-focus-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="tend-footer">
        <p>
          Tend is for practice between sessions, not for emergencies. If you feel unsafe or need
          help right now, call your local emergency number or a crisis line where you live.
        </p>
      </footer>
    </div>
  );
}
