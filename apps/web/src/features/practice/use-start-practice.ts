import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";

/** Begin (or resume) a practice, then open it. */
export function useStartPractice() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation(
    trpc.practice.start.mutationOptions({
      onSuccess: (entry) => {
        queryClient.setQueryData(trpc.entries.get.queryKey({ id: entry.id }), entry);
        void queryClient.invalidateQueries({ queryKey: trpc.entries.mine.queryKey() });
        navigate(`/practice/${entry.id}`);
      },
    }),
  );
}
