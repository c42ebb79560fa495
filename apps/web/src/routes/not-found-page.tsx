import { PageHeader } from "@tend/ui";
import { Link } from "react-router";
import { useDocumentTitle } from "../lib/use-document-title.ts";

export function NotFoundPage() {
  useDocumentTitle("Page not found");
  return (
    <>
      <PageHeader title="We could not find that page" lead="The address may have changed." />
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </>
  );
}
