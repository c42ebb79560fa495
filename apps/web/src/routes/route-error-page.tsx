import { ErrorNotice } from "@tend/ui";

/** When a page fails to render: say so calmly, offer a way on. */
export function RouteErrorPage() {
  return (
    <main className="tend-main">
      <ErrorNotice title="This page ran into a problem">
        It is not something you did. Please <a href="/">go back to the start</a> and try again.
      </ErrorNotice>
    </main>
  );
}
