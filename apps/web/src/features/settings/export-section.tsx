import { useMutation } from "@tanstack/react-query";
import { Button, ErrorNotice, FormError, Notice, TextField } from "@tend/ui";
import { type FormEvent, useState } from "react";
import { downloadFile } from "../../lib/download.ts";
import { toProblem } from "../../lib/errors.ts";
import { addDays, localDateAt } from "../../lib/zoned-time.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The client's data in their hands: everything as JSON, answers as CSV, a PDF for a period. */
export function ExportSection({ timeZone }: { timeZone: string }) {
  const today = localDateAt(new Date(), timeZone);
  const [from, setFrom] = useState(addDays(today, -55));
  const [to, setTo] = useState(today);
  const [problems, setProblems] = useState<{ from?: string; to?: string }>({});
  const [done, setDone] = useState<string | null>(null);
  const download = useMutation({
    mutationFn: ({ url, name }: { url: string; name: string }) => downloadFile(url, name),
    onSuccess: (name) => setDone(`Downloaded ${name}.`),
  });

  const get = (url: string, name: string) => {
    setDone(null);
    download.mutate({ url, name });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      from: DATE.test(from) ? undefined : "Please choose the first day.",
      to: !DATE.test(to)
        ? "Please choose the last day."
        : DATE.test(from) && to < from
          ? "The last day needs to be on or after the first."
          : undefined,
    };
    setProblems(found);
    if (found.from || found.to) return;
    get(`/api/export/me.pdf?from=${from}&to=${to}`, `tend-practice-${from}-to-${to}.pdf`);
  };

  const busy = download.isPending;
  return (
    <section className="tend-panel" aria-labelledby="export-title">
      <h2 id="export-title">Download your data</h2>
      <p className="tend-lead">
        Everything you have written in Tend is yours. Take a copy whenever you like.
      </p>
      <Notice>{done}</Notice>
      {download.isError ? (
        <ErrorNotice title="The download did not work">
          {toProblem(download.error).message}
        </ErrorNotice>
      ) : null}
      <div className="tend-actions">
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() => get("/api/export/me.json", "tend-export.json")}
        >
          Everything (JSON)
        </Button>
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() => get("/api/export/me.csv", "tend-answers.csv")}
        >
          Your answers (CSV, for a spreadsheet)
        </Button>
      </div>
      <form
        className="tend-subpanel tend-form"
        noValidate
        onSubmit={submit}
        aria-labelledby="export-pdf-title"
      >
        <h3 className="tend-panel-title" id="export-pdf-title">
          A printable summary (PDF)
        </h3>
        <p className="tend-hint">What you practised and how it felt, for the days you choose.</p>
        <FormError
          problems={[
            ...(problems.from ? [{ fieldId: "export-from", message: problems.from }] : []),
            ...(problems.to ? [{ fieldId: "export-to", message: problems.to }] : []),
          ]}
        />
        <div className="tend-two-col">
          <TextField
            id="export-from"
            type="date"
            label="From"
            value={from}
            max={today}
            onChange={(e) => setFrom(e.target.value)}
            error={problems.from}
          />
          <TextField
            id="export-to"
            type="date"
            label="To"
            value={to}
            max={today}
            onChange={(e) => setTo(e.target.value)}
            error={problems.to}
          />
        </div>
        <div className="tend-actions">
          <Button type="submit" disabled={busy}>
            {busy ? "Preparing…" : "Download PDF"}
          </Button>
        </div>
      </form>
    </section>
  );
}
