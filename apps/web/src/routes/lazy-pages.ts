import { lazy } from "react";

// Every page but the client's Today is loaded only when someone opens it, so Today needs none
// of their code: the sign-in and account pages (better-auth's client), the therapist's area,
// the review together, the client's other pages, the client's progress (charts), the exercise
// builder (the exercise schema), and the pages reached from email links.

const therapistArea = () => import("../features/therapist-area.ts");

export const SignInPage = lazy(() =>
  import("../features/auth/sign-in-page.tsx").then((m) => ({ default: m.SignInPage })),
);
export const SignUpPage = lazy(() =>
  import("../features/auth/sign-up-page.tsx").then((m) => ({ default: m.SignUpPage })),
);
export const ForgotPasswordPage = lazy(() =>
  import("../features/auth/forgot-password-page.tsx").then((m) => ({
    default: m.ForgotPasswordPage,
  })),
);
export const ResetPasswordPage = lazy(() =>
  import("../features/auth/reset-password-page.tsx").then((m) => ({
    default: m.ResetPasswordPage,
  })),
);
export const AcceptInvitationPage = lazy(() =>
  import("../features/invitations/accept-invitation-page.tsx").then((m) => ({
    default: m.AcceptInvitationPage,
  })),
);
export const UnsubscribePage = lazy(() =>
  import("../features/email-links/unsubscribe-page.tsx").then((m) => ({
    default: m.UnsubscribePage,
  })),
);
export const NotTodayPage = lazy(() =>
  import("../features/email-links/not-today-page.tsx").then((m) => ({ default: m.NotTodayPage })),
);
export const HomePage = lazy(() =>
  import("../features/home/home-page.tsx").then((m) => ({ default: m.HomePage })),
);
export const PracticePage = lazy(() =>
  import("../features/practice/practice-page.tsx").then((m) => ({ default: m.PracticePage })),
);
export const HistoryPage = lazy(() =>
  import("../features/history/history-page.tsx").then((m) => ({ default: m.HistoryPage })),
);
export const ClientsPage = lazy(() => therapistArea().then((m) => ({ default: m.ClientsPage })));
export const ClientPage = lazy(() => therapistArea().then((m) => ({ default: m.ClientPage })));
export const LibraryPage = lazy(() => therapistArea().then((m) => ({ default: m.LibraryPage })));
export const ExercisePreviewPage = lazy(() =>
  therapistArea().then((m) => ({ default: m.ExercisePreviewPage })),
);
export const ReviewPage = lazy(() =>
  import("../features/review/review-page.tsx").then((m) => ({ default: m.ReviewPage })),
);
export const BuilderPage = lazy(() =>
  import("../features/exercise-builder/builder-page.tsx").then((m) => ({
    default: m.BuilderPage,
  })),
);
export const ProgressPage = lazy(() =>
  import("../features/progress/progress-page.tsx").then((m) => ({ default: m.ProgressPage })),
);
export const EmailSettingsPage = lazy(() =>
  import("../features/settings/email-settings-page.tsx").then((m) => ({
    default: m.EmailSettingsPage,
  })),
);
export const AccountPage = lazy(() =>
  import("../features/account/account-page.tsx").then((m) => ({ default: m.AccountPage })),
);
