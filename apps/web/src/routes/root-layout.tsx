import { AppShell, type NavItem } from "@tend/ui";
import { useEffect, useRef } from "react";
import { NavLink, Outlet, useLocation } from "react-router";
import { SignOutButton } from "../features/auth/sign-out-button.tsx";
import { type Role, useSessionState } from "../features/auth/use-session-state.ts";

const navByRole: Record<Role, NavItem[]> = {
  therapist: [
    { href: "/clients", label: "Clients" },
    { href: "/library", label: "Library" },
    { href: "/account", label: "Account" },
  ],
  client: [
    { href: "/home", label: "Home" },
    { href: "/today", label: "Today" },
    { href: "/history", label: "History" },
    { href: "/progress", label: "Progress" },
    { href: "/account", label: "Account" },
  ],
};

export function RootLayout() {
  const { pathname } = useLocation();
  const session = useSessionState();
  const state = session.data;
  const nav = state?.signedIn && state.role ? navByRole[state.role] : [];

  // After a client-side navigation, move focus to the page, as a full page load would.
  const lastPath = useRef(pathname);
  useEffect(() => {
    if (lastPath.current === pathname) return;
    lastPath.current = pathname;
    document.getElementById("main")?.focus();
  }, [pathname]);

  return (
    <AppShell
      nav={nav.map((n) => ({ ...n, current: pathname.startsWith(n.href) }))}
      renderLink={(item) => <NavLink to={item.href}>{item.label}</NavLink>}
      actions={
        state?.signedIn ? (
          <>
            <span className="tend-header-name">{state.name}</span>
            <SignOutButton />
          </>
        ) : null
      }
    >
      <Outlet />
    </AppShell>
  );
}
