import { Button } from "@tend/ui";
import { useState } from "react";
import { authClient } from "../../lib/auth-client.ts";

/**
 * Signs out, then loads the sign-in page afresh, so nothing of this person's stays in memory
 * (a shared or borrowed device is common).
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
