import { useMutation } from "@tanstack/react-query";
import { Button, ErrorNotice } from "@tend/ui";
import { downloadFile } from "../../lib/download.ts";
import { toProblem } from "../../lib/errors.ts";

/**
 * "Download PDF for my records": a printable summary of what the client shared, since they
 * joined. Making it is listed in the client's access log, like opening their page.
 */
export function ClientExportButton({ clientId }: { clientId: string }) {
  const download = useMutation({
    mutationFn: () =>
      downloadFile(`/api/export/clients/${encodeURIComponent(clientId)}.pdf`, "tend-summary.pdf"),
  });
  return (
    <div className="tend-export-button">
      <Button variant="secondary" disabled={download.isPending} onClick={() => download.mutate()}>
        {download.isPending ? "Preparing the PDF…" : "Download PDF for my records"}
      </Button>
      {download.isError ? (
        <ErrorNotice title="The PDF did not download">
          {toProblem(download.error).message}
        </ErrorNotice>
      ) : null}
    </div>
  );
}
