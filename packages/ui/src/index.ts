export { AppShell, type NavItem } from "./app-shell.tsx";
export { Button, type ButtonProps } from "./button.tsx";
export { Card } from "./card.tsx";
export { PageHeader } from "./page-header.tsx";
export { EmptyState, ErrorNotice, Loading } from "./status.tsx";
