import { useQuery } from "@tanstack/react-query";
import { ErrorNotice, Loading, PageHeader } from "@tend/ui";
import { Link, useParams } from "react-router";
import { httpStatusOf, toProblem } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { ClientPracticeSection } from "../assignments/client-practice-section.tsx";

/** One client, for now just who they are. Opening it is noted in the client's access log. */
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
      <PageHeader title={name} />
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
      <ClientPracticeSection clientId={clientId} clientName={name} timeZone={timeZone} />
    </>
  );
}
