import type { ReactNode } from "react";

export type NavItem = { href: string; label: string; current?: boolean };

/** Page frame: a skip link, the brand, navigation, the page, and where to find urgent help. */
export function AppShell({
  nav,
  children,
  renderLink,
  actions,
}: {
  nav: NavItem[];
  children: ReactNode;
  /** Lets the app plug in its router's link component. */
  renderLink?: (item: NavItem) => ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="tend-shell">
      <a className="tend-skip" href="#main">
        Skip to content
      </a>
      <header className="tend-header">
        <span className="tend-brand">
          <span aria-hidden="true" className="tend-brand-mark">
            ❦
          </span>{" "}
          Tend
        </span>
        <nav aria-label="Main">
          <ul className="tend-nav">
            {nav.map((item) => (
              <li key={item.href}>
                {renderLink ? (
                  renderLink(item)
                ) : (
                  <a href={item.href} aria-current={item.current ? "page" : undefined}>
                    {item.label}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </nav>
        {actions ? <div className="tend-header-actions">{actions}</div> : null}
      </header>
      <main id="main" className="tend-main" tabIndex={-1}>
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
