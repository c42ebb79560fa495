import { useQuery } from "@tanstack/react-query";
import { EmptyState, ErrorNotice, Loading } from "@tend/ui";
import { toProblem } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";

const whatLabel: Record<string, string> = {
  profile: "your profile",
  review: "your progress review",
  "shared entries": "the entries you shared",
  "a printable summary": "a printable summary of what you shared",
};
const roleLabel: Record<string, string> = { therapist: "your therapist" };

/** Who opened the client's data and when: nothing is looked at without them being able to see it. */
export function AccessLogSection() {
  const trpc = useTRPC();
  const log = useQuery(trpc.me.accessLog.queryOptions());

  return (
    <section className="tend-panel" aria-labelledby="access-log-title">
      <h2 id="access-log-title">Who has looked at your practice</h2>
      <p className="tend-lead">
        Each time someone opens your information in Tend, it's listed here, so nothing happens out
        of sight.
      </p>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorNotice>{toProblem(log.error).message}</ErrorNotice>
      ) : log.data.length === 0 ? (
        <EmptyState>Nobody has opened your information yet.</EmptyState>
      ) : (
        <ul className="tend-rows" aria-label="Access to your information">
          {log.data.map((entry) => (
            <li key={`${String(entry.at)}-${entry.viewerName}-${entry.what}`} className="tend-row">
              <div className="tend-row-main">
                <p className="tend-row-title">
                  {entry.viewerName}
                  {roleLabel[entry.viewerRole] ? ` (${roleLabel[entry.viewerRole]})` : ""}
                </p>
                <p className="tend-row-meta">
                  Opened {whatLabel[entry.what] ?? entry.what} ·{" "}
                  <time dateTime={new Date(entry.at).toISOString()}>
                    {formatDateTime(entry.at)}
                  </time>
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
