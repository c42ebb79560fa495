import { lazy } from "react";

// Pages loaded only when someone opens them, so the client's Today needs none of their code:
// the therapist's area, the review together, the client's progress (charts), the exercise
// builder (the exercise schema), and the settings and account pages.

const therapistArea = () => import("../features/therapist-area.ts");

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
