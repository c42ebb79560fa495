import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useNavigate } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { homePathFor, safeNextPath } from "./use-session-state.ts";

/**
 * After any sign-in (password, second step, invitation): forget everything cached for the
 * previous visitor, learn who is signed in now, and go to the page they asked for or their home.
 */
export function useAfterSignIn() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    async (next?: string | null) => {
      await queryClient.resetQueries();
      const state = await queryClient.fetchQuery({
        ...trpc.me.sessionState.queryOptions(),
        staleTime: 0,
      });
      navigate(safeNextPath(next) ?? homePathFor(state.role), { replace: true });
    },
    [navigate, queryClient, trpc],
  );
}
