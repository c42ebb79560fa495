import { useQuery } from "@tanstack/react-query";
import { ErrorNotice, Loading, PageHeader } from "@tend/ui";
import { Link, useParams } from "react-router";
import { httpStatusOf, toProblem } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { ClientPracticeSection } from "../assignments/client-practice-section.tsx";
import { ClientExportButton } from "./client-export-button.tsx";
import { ClientProgressSection } from "./client-progress-section.tsx";
import { SessionNotesSection } from "./session-notes-section.tsx";

/**
 * One client: who they are, their progress since the last session, their practice and what
 * they shared, and the therapist's private session notes. Opening it is noted in the client's
 * access log.
 */
export function ClientPage() {
  const { clientId = "" } = useParams();
  const trpc = useTRPC();
  const client = useQuery(trpc.clients.get.queryOptions({ clientId }));
  useDocumentTitle(client.data?.name ?? "Client");

  const back = (
    <p>
      <Link to="/clients">← All clients</Link>
    </p>
  );
  if (client.isPending) return <Loading />;
  if (client.isError)
    return (
      <>
        {back}
        <ErrorNotice
          title={
            httpStatusOf(client.error) === 404
              ? "We could not find that client"
              : "That did not load"
          }
        >
          {toProblem(client.error).message}
        </ErrorNotice>
      </>
    );

  const { name, email, timeZone, joinedAt } = client.data;
  return (
    <>
      {back}
      <PageHeader title={name}>
        <Link className="tend-button tend-button-primary" to={`/clients/${clientId}/review`}>
          Open review together
        </Link>
      </PageHeader>
      <section className="tend-panel" aria-labelledby="client-details">
        <h2 id="client-details">Details</h2>
        <dl className="tend-details">
          <dt>Email</dt>
          <dd>{email}</dd>
          <dt>Time zone</dt>
          <dd>{timeZone.replace(/_/g, " ")}</dd>
          <dt>Joined</dt>
          <dd>{formatDate(joinedAt)}</dd>
        </dl>
      </section>
      <p className="tend-hint tend-after-panel">
        {name} can see in their account when you open their page: that openness is part of how Tend
        earns trust.
      </p>
      <ClientProgressSection clientId={clientId} clientName={name} />
      <ClientPracticeSection clientId={clientId} clientName={name} timeZone={timeZone} />
      <SessionNotesSection clientId={clientId} clientName={name} />
      <section aria-labelledby="records-title">
        <h2 className="tend-section-title" id="records-title">
          For your records
        </h2>
        <p className="tend-hint">
          A printable summary of what {name} shared with you since they joined, and the practice
          dates they let you see. Your session notes are not in it. {name} sees in their account
          that you made it.
        </p>
        <ClientExportButton clientId={clientId} />
      </section>
    </>
  );
}
