import { Loading } from "@tend/ui";
import { type ReactNode, Suspense } from "react";
import { createBrowserRouter } from "react-router";
import { ForgotPasswordPage } from "../features/auth/forgot-password-page.tsx";
import { ResetPasswordPage } from "../features/auth/reset-password-page.tsx";
import { SignInPage } from "../features/auth/sign-in-page.tsx";
import { SignUpPage } from "../features/auth/sign-up-page.tsx";
import { NotTodayPage } from "../features/email-links/not-today-page.tsx";
import { UnsubscribePage } from "../features/email-links/unsubscribe-page.tsx";
import { HistoryPage } from "../features/history/history-page.tsx";
import { HomePage } from "../features/home/home-page.tsx";
import { AcceptInvitationPage } from "../features/invitations/accept-invitation-page.tsx";
import { PracticePage } from "../features/practice/practice-page.tsx";
import { TodayPage } from "../features/practice/today-page.tsx";
import {
  AccountPage,
  BuilderPage,
  ClientPage,
  ClientsPage,
  EmailSettingsPage,
  ExercisePreviewPage,
  LibraryPage,
  ProgressPage,
  ReviewPage,
} from "./lazy-pages.ts";
import { NotFoundPage } from "./not-found-page.tsx";
import { RequireRole } from "./require-role.tsx";
import { RoleHomeRedirect } from "./role-home-redirect.tsx";
import { RootLayout } from "./root-layout.tsx";
import { RouteErrorPage } from "./route-error-page.tsx";
import { SignedOutOnly } from "./signed-out-only.tsx";

/** A lazily loaded page, with a calm line while its code arrives. */
function lazyPage(page: ReactNode) {
  return <Suspense fallback={<Loading />}>{page}</Suspense>;
}

export const router = createBrowserRouter([
  {
    path: "/",
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <RoleHomeRedirect /> },
      {
        element: <SignedOutOnly />,
        children: [
          { path: "sign-in", element: <SignInPage /> },
          { path: "sign-up", element: <SignUpPage /> },
          { path: "forgot-password", element: <ForgotPasswordPage /> },
        ],
      },
      // Reachable signed in or out: they arrive from an email link.
      { path: "reset-password", element: <ResetPasswordPage /> },
      { path: "invite", element: <AcceptInvitationPage /> },
      { path: "unsubscribe", element: <UnsubscribePage /> },
      { path: "not-today", element: <NotTodayPage /> },
      {
        element: <RequireRole />,
        children: [{ path: "account", element: lazyPage(<AccountPage />) }],
      },
      {
        element: <RequireRole roleRequired="therapist" />,
        children: [
          { path: "clients", element: lazyPage(<ClientsPage />) },
          { path: "clients/:clientId", element: lazyPage(<ClientPage />) },
          { path: "library", element: lazyPage(<LibraryPage />) },
          { path: "library/:slug", element: lazyPage(<ExercisePreviewPage />) },
          { path: "library/new", element: lazyPage(<BuilderPage />) },
          { path: "library/:id/edit", element: lazyPage(<BuilderPage />) },
        ],
      },
      {
        element: <RequireRole roleRequired="client" />,
        children: [
          { path: "home", element: <HomePage /> },
          { path: "today", element: <TodayPage /> },
          { path: "practice/:entryId", element: <PracticePage /> },
          { path: "history", element: <HistoryPage /> },
          { path: "progress", element: lazyPage(<ProgressPage />) },
          { path: "settings/email", element: lazyPage(<EmailSettingsPage />) },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
  // The review together fills the whole screen: no app navigation around it.
  {
    path: "/clients/:clientId/review",
    errorElement: <RouteErrorPage />,
    element: <RequireRole roleRequired="therapist" />,
    children: [{ index: true, element: lazyPage(<ReviewPage />) }],
  },
]);
