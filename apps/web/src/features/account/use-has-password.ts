import { useQuery } from "@tanstack/react-query";
import { authClient } from "../../lib/auth-client.ts";
import { authCall } from "../../lib/errors.ts";

export const accountsQueryKey = ["auth", "accounts"] as const;

/** Whether this person has a password (clients may have chosen email links only). */
export function useHasPassword() {
  return useQuery({
    queryKey: accountsQueryKey,
    queryFn: async () => {
      const accounts = await authCall(authClient.listAccounts());
      return (accounts ?? []).some((a) => a.providerId === "credential");
    },
  });
}
