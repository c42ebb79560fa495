import { Loading } from "@tend/ui";
import { type ComponentType, type ReactNode, Suspense } from "react";
import { ErrorBoundary } from "react-error-boundary";
import { type RouteObject, useLocation, useRoutes } from "react-router";
import { TodayPage } from "../features/practice/today-page.tsx";
import {
  AcceptInvitationPage,
  AccountPage,
  BuilderPage,
  ClientPage,
  ClientsPage,
  EmailSettingsPage,
  ExercisePreviewPage,
  ForgotPasswordPage,
  HistoryPage,
  HomePage,
  LibraryPage,
  NotTodayPage,
  PracticePage,
  ProgressPage,
  ResetPasswordPage,
  ReviewPage,
  SignInPage,
  SignUpPage,
  UnsubscribePage,
} from "./lazy-pages.ts";
import { NotFoundPage } from "./not-found-page.tsx";
import { RequireRole } from "./require-role.tsx";
import { RoleHomeRedirect } from "./role-home-redirect.tsx";
import { RootLayout } from "./root-layout.tsx";
import { RouteErrorPage } from "./route-error-page.tsx";
import { SignedOutOnly } from "./signed-out-only.tsx";

const pageKeys = new Map<ComponentType, string>();

/** One key per page: two routes of one page (the builder's new and edit) share it. */
function pageKey(Page: ComponentType): string {
  const known = pageKeys.get(Page);
  if (known) return known;
  const key = `page-${pageKeys.size}`;
  pageKeys.set(Page, key);
  return key;
}

/**
 * A lazily loaded page, with a calm line while its code arrives. Each page has a boundary of its
 * own, so the page we left is gone at once rather than hidden until the new page's code arrives.
 */
function lazyPage(Page: ComponentType) {
  return (
    <Suspense key={pageKey(Page)} fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}

/** A page that fails to render (or whose code cannot be fetched) shows the calm error page instead. */
function RouteErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  // Going elsewhere (the back button) tries again.
  return (
    <ErrorBoundary fallback={<RouteErrorPage />} resetKeys={[pathname]}>
      {children}
    </ErrorBoundary>
  );
}

// Declarative routes (`useRoutes` inside `<BrowserRouter>`): the app loads its data with tRPC and
// TanStack Query, not with route loaders, so it needs none of React Router's data APIs, which
// would more than double the router's share of the code Today waits for.
const routes: RouteObject[] = [
  {
    path: "/",
    element: (
      <RouteErrorBoundary>
        <RootLayout />
      </RouteErrorBoundary>
    ),
    children: [
      { index: true, element: <RoleHomeRedirect /> },
      {
        element: <SignedOutOnly />,
        children: [
          { path: "sign-in", element: lazyPage(SignInPage) },
          { path: "sign-up", element: lazyPage(SignUpPage) },
          { path: "forgot-password", element: lazyPage(ForgotPasswordPage) },
        ],
      },
      // Reachable signed in or out: they arrive from an email link.
      { path: "reset-password", element: lazyPage(ResetPasswordPage) },
      { path: "invite", element: lazyPage(AcceptInvitationPage) },
      { path: "unsubscribe", element: lazyPage(UnsubscribePage) },
      { path: "not-today", element: lazyPage(NotTodayPage) },
      {
        element: <RequireRole />,
        children: [{ path: "account", element: lazyPage(AccountPage) }],
      },
      {
        element: <RequireRole roleRequired="therapist" />,
        children: [
          { path: "clients", element: lazyPage(ClientsPage) },
          { path: "clients/:clientId", element: lazyPage(ClientPage) },
          { path: "library", element: lazyPage(LibraryPage) },
          { path: "library/:slug", element: lazyPage(ExercisePreviewPage) },
          { path: "library/new", element: lazyPage(BuilderPage) },
          { path: "library/:id/edit", element: lazyPage(BuilderPage) },
        ],
      },
      {
        element: <RequireRole roleRequired="client" />,
        children: [
          { path: "home", element: lazyPage(HomePage) },
          // The client's start page, and the one most opened: its code comes with the app's.
          { path: "today", element: <TodayPage /> },
          { path: "practice/:entryId", element: lazyPage(PracticePage) },
          { path: "history", element: lazyPage(HistoryPage) },
          { path: "progress", element: lazyPage(ProgressPage) },
          { path: "settings/email", element: lazyPage(EmailSettingsPage) },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
  // The review together fills the whole screen: no app navigation around it.
  {
    path: "/clients/:clientId/review",
    element: (
      <RouteErrorBoundary>
        <RequireRole roleRequired="therapist" />
      </RouteErrorBoundary>
    ),
    children: [{ index: true, element: lazyPage(ReviewPage) }],
  },
];

/**
 * The app's pages by address; rendered inside `<BrowserRouter useTransitions={false}>`
 * (main.tsx): a new address shows its own page at once, or the calm line while that page's code
 * arrives, never the page we left (shown, or hidden but still there) under the new address.
 */
export function AppRoutes() {
  return useRoutes(routes);
}
