import { useQuery } from "@tanstack/react-query";
import { ErrorNotice, Loading, PageHeader } from "@tend/ui";
import { toProblem } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { CalendarSection } from "./calendar-section.tsx";
import { DeleteAccountSection } from "./delete-account-section.tsx";
import { ExportSection } from "./export-section.tsx";
import { RemindersSection } from "./reminders-section.tsx";
import { SummarySection } from "./summary-section.tsx";

/**
 * /settings/email — the client's emails (reminders, pauses, quiet hours, the weekly summary),
 * their practice in their calendar, their data to download, and deleting the account.
 * Every reminder and summary email links here.
 */
export function EmailSettingsPage() {
  useDocumentTitle("Emails and your data");
  const trpc = useTRPC();
  const settings = useQuery(trpc.me.clientSettings.queryOptions());
  const me = useQuery(trpc.me.get.queryOptions());
  const therapistName = me.data?.client?.therapistName ?? "your therapist";

  return (
    <div className="tend-column">
      <PageHeader
        title="Emails and your data"
        lead="How and when Tend writes to you, your practice in your calendar, and your data."
      />
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorNotice>{toProblem(settings.error).message}</ErrorNotice>
      ) : (
        <>
          <RemindersSection
            reminderEmails={settings.data.reminderEmails}
            remindersPausedUntil={settings.data.remindersPausedUntil}
            quietStart={settings.data.quietStart}
            quietEnd={settings.data.quietEnd}
            timeZone={settings.data.timeZone}
          />
          <SummarySection
            summaryEmails={settings.data.summaryEmails}
            summaryDay={settings.data.summaryDay}
            summaryTime={settings.data.summaryTime}
            quoteWordsInSummary={settings.data.quoteWordsInSummary}
          />
          <CalendarSection />
          <ExportSection timeZone={settings.data.timeZone} />
          <DeleteAccountSection therapistName={therapistName} />
        </>
      )}
    </div>
  );
}
