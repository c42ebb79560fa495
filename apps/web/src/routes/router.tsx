import { createBrowserRouter, Navigate } from "react-router";
import { ExercisePreviewPage } from "../features/library/exercise-preview-page.tsx";
import { LibraryPage } from "../features/library/library-page.tsx";
import { RootLayout } from "./root-layout.tsx";

export const router = createBrowserRouter([
  {
    path: "/",
    element: <RootLayout />,
    children: [
      { index: true, element: <Navigate to="/library" replace /> },
      { path: "library", element: <LibraryPage /> },
      { path: "library/:slug", element: <ExercisePreviewPage /> },
      { path: "*", element: <p>We could not find that page.</p> },
    ],
  },
]);
