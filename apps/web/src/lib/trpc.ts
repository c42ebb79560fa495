import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import type { AppRouter } from "@tend/api/router";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { httpStatusOf } from "./errors.ts";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** tRPC query keys start with the procedure path: [["me", "sessionState"], …]. */
function isSessionStateKey(key: readonly unknown[]): boolean {
  const path = key[0];
  return Array.isArray(path) && path[0] === "me" && path[1] === "sessionState";
}

export function createQueryClient() {
  // A 401 anywhere means the session ended (idle timeout, signed out elsewhere): refresh the
  // session state, and the route guards send the person to sign in again.
  const onError = (error: unknown) => {
    if (httpStatusOf(error) === 401)
      void queryClient.invalidateQueries({ predicate: (q) => isSessionStateKey(q.queryKey) });
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retrying cannot fix "not signed in", "not yours" or "not found".
        retry: (failures, error) => {
          const status = httpStatusOf(error);
          return failures < 1 && (status === undefined || status >= 500);
        },
      },
    },
  });
  return queryClient;
}

export function createTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: "/trpc",
        // The API refuses batches over 50 calls (apps/api/src/app.ts).
        maxItems: 20,
        fetch: (url, init) => fetch(url, { ...init, credentials: "same-origin" }),
      }),
    ],
  });
}
