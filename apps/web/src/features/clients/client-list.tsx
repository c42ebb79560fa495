import { EmptyState } from "@tend/ui";
import { Link } from "react-router";
import { formatDate } from "../../lib/format.ts";

export type ClientSummary = {
  id: string;
  name: string;
  email: string;
  timeZone: string;
  joinedAt: string | Date;
};

export function ClientList({ clients }: { clients: readonly ClientSummary[] }) {
  if (clients.length === 0)
    return (
      <EmptyState>
        No clients yet. When someone accepts your invitation, they'll appear here.
      </EmptyState>
    );
  return (
    <ul className="tend-rows" aria-label="Clients">
      {clients.map((client) => (
        <li key={client.id} className="tend-row">
          <div className="tend-row-main">
            <p className="tend-row-title">
              <Link to={`/clients/${client.id}`}>{client.name}</Link>
            </p>
            <p className="tend-row-meta">
              {client.email} · {client.timeZone.replace(/_/g, " ")}
            </p>
          </div>
          <span className="tend-pill tend-pill-quiet">Joined {formatDate(client.joinedAt)}</span>
        </li>
      ))}
    </ul>
  );
}
