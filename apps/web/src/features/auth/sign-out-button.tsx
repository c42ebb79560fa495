import { Button } from "@tend/ui";
import { useState } from "react";

/**
 * Signs out, then loads the sign-in page afresh, so nothing of this person's stays in memory
 * (a shared or borrowed device is common). better-auth's client is fetched on the click: the
 * pages behind the header (the client's Today first) do not wait for it.
 */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="secondary"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        try {
          const { authClient } = await import("../../lib/auth-client.ts");
          await authClient.signOut();
        } finally {
          window.location.assign("/sign-in");
        }
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
