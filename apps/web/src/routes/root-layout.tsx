import { AppShell } from "@tend/ui";
import { NavLink, Outlet, useLocation } from "react-router";

const nav = [{ href: "/library", label: "Library" }];

export function RootLayout() {
  const { pathname } = useLocation();
  return (
    <AppShell
      nav={nav.map((n) => ({ ...n, current: pathname.startsWith(n.href) }))}
      renderLink={(item) => <NavLink to={item.href}>{item.label}</NavLink>}
    >
      <Outlet />
    </AppShell>
  );
}
