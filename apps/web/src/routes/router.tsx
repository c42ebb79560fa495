import { createBrowserRouter } from "react-router";
import { AccountPage } from "../features/account/account-page.tsx";
import { ForgotPasswordPage } from "../features/auth/forgot-password-page.tsx";
import { ResetPasswordPage } from "../features/auth/reset-password-page.tsx";
import { SignInPage } from "../features/auth/sign-in-page.tsx";
import { SignUpPage } from "../features/auth/sign-up-page.tsx";
import { ClientPage } from "../features/clients/client-page.tsx";
import { ClientsPage } from "../features/clients/clients-page.tsx";
import { HistoryPage } from "../features/history/history-page.tsx";
import { HomePage } from "../features/home/home-page.tsx";
import { AcceptInvitationPage } from "../features/invitations/accept-invitation-page.tsx";
import { ExercisePreviewPage } from "../features/library/exercise-preview-page.tsx";
import { LibraryPage } from "../features/library/library-page.tsx";
import { PracticePage } from "../features/practice/practice-page.tsx";
import { TodayPage } from "../features/practice/today-page.tsx";
import { NotFoundPage } from "./not-found-page.tsx";
import { RequireRole } from "./require-role.tsx";
import { RoleHomeRedirect } from "./role-home-redirect.tsx";
import { RootLayout } from "./root-layout.tsx";
import { RouteErrorPage } from "./route-error-page.tsx";
import { SignedOutOnly } from "./signed-out-only.tsx";

const loadBuilder = () =>
  import("../features/exercise-builder/builder-page.tsx").then((m) => ({
    Component: m.BuilderPage,
  }));

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
      {
        element: <RequireRole />,
        children: [{ path: "account", element: <AccountPage /> }],
      },
      {
        element: <RequireRole roleRequired="therapist" />,
        children: [
          { path: "clients", element: <ClientsPage /> },
          { path: "clients/:clientId", element: <ClientPage /> },
          { path: "library", element: <LibraryPage /> },
          { path: "library/:slug", element: <ExercisePreviewPage /> },
          // The builder carries the exercise schema (zod): loaded only when a therapist opens it.
          { path: "library/new", lazy: loadBuilder },
          { path: "library/:id/edit", lazy: loadBuilder },
        ],
      },
      {
        element: <RequireRole roleRequired="client" />,
        children: [
          { path: "home", element: <HomePage /> },
          { path: "today", element: <TodayPage /> },
          { path: "practice/:entryId", element: <PracticePage /> },
          { path: "history", element: <HistoryPage /> },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
