import { useQuery } from "@tanstack/react-query";
import { ErrorNotice, Loading, PageHeader } from "@tend/ui";
import { Link } from "react-router";
import { toProblem } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { AccessLogSection } from "./access-log-section.tsx";
import { ClientSettingsSection } from "./client-settings-section.tsx";

/** The client's home: a warm welcome, who their therapist is, who has looked, and their settings. */
export function HomePage() {
  useDocumentTitle("Home");
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorNotice>{toProblem(me.error).message}</ErrorNotice>;
  const { name, client } = me.data;

  return (
    <div className="tend-column">
      <PageHeader
        title={`Welcome, ${name}`}
        lead="This is your space for small, kind practices between sessions. There's no right amount, and nothing to catch up on."
      />
      {client ? (
        <section className="tend-panel" aria-labelledby="therapist-title">
          <h2 id="therapist-title">Practising with {client.therapistName}</h2>
          <p>
            When {client.therapistName} suggests a practice for you, it will appear on your{" "}
            <Link to="/today">Today</Link> page. Try it whenever you have a few quiet minutes;
            skipping a day costs nothing.
          </p>
        </section>
      ) : null}
      {client ? (
        <section className="tend-panel" aria-labelledby="emails-title">
          <h2 id="emails-title">Emails, calendar and your data</h2>
          <p>
            Turn reminders on or off, pause them for a while, choose quiet hours and your weekly
            summary, add your practice to your calendar, or download your data:{" "}
            <Link to="/settings/email">your email settings</Link>.
          </p>
        </section>
      ) : null}
      <AccessLogSection />
      {client ? (
        <ClientSettingsSection
          timeZone={client.timeZone}
          sharePracticeLog={client.sharePracticeLog}
        />
      ) : null}
    </div>
  );
}
