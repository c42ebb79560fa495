import { useQuery } from "@tanstack/react-query";
import { Button, ErrorNotice, Loading, Notice, PageHeader } from "@tend/ui";
import { useState } from "react";
import { toProblem } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { ClientList } from "./client-list.tsx";
import { InvitationList } from "./invitation-list.tsx";
import { InviteClientDialog } from "./invite-client-dialog.tsx";

export function ClientsPage() {
  useDocumentTitle("Your clients");
  const trpc = useTRPC();
  const list = useQuery(trpc.clients.list.queryOptions());
  const [inviting, setInviting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title="Your clients"
        lead="The people you practise with between sessions, and the invitations you've sent."
      >
        <Button
          onClick={() => {
            setNotice(null);
            setInviting(true);
          }}
        >
          Invite a client
        </Button>
      </PageHeader>
      <Notice>{notice}</Notice>
      <InviteClientDialog
        open={inviting}
        onClose={() => setInviting(false)}
        onSent={(name, email) => {
          setInviting(false);
          setNotice(`Invitation sent to ${name} (${email}).`);
        }}
      />
      {list.isPending ? (
        <Loading label="Loading your clients…" />
      ) : list.isError ? (
        <ErrorNotice>{toProblem(list.error).message}</ErrorNotice>
      ) : (
        <>
          <h2 className="tend-section-title">Clients</h2>
          <ClientList clients={list.data.clients} />
          <h2 className="tend-section-title">Invitations</h2>
          <InvitationList invitations={list.data.invitations} onDone={setNotice} />
        </>
      )}
    </>
  );
}
