import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";

/** Save some of the client's settings; the answer (all of them) replaces what the page shows. */
export function useUpdateSettings(onSaved?: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.me.updateClientSettings.mutationOptions({
      onSuccess: (settings) => {
        queryClient.setQueryData(trpc.me.clientSettings.queryKey(), settings);
        void queryClient.invalidateQueries(trpc.me.get.queryFilter());
        onSaved?.();
      },
    }),
  );
}
