// The therapist's pages, loaded together the first time a therapist opens one (see
// routes/lazy-pages.ts): a client's Today never downloads them.
export { ClientPage } from "./clients/client-page.tsx";
export { ClientsPage } from "./clients/clients-page.tsx";
export { ExercisePreviewPage } from "./library/exercise-preview-page.tsx";
export { LibraryPage } from "./library/library-page.tsx";
