import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";

export type Role = "therapist" | "client";

/** Who is signed in (or nobody). Every route guard and the header read this one query. */
export function useSessionState() {
  const trpc = useTRPC();
  return useQuery(trpc.me.sessionState.queryOptions(undefined, { staleTime: 60_000 }));
}

/** Where each role starts. */
export function homePathFor(role: Role | null | undefined): string {
  if (role === "therapist") return "/clients";
  if (role === "client") return "/home";
  return "/sign-in";
}

/** A `next` path we are willing to go to after sign-in: ours, relative, never another site. */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  if (next.startsWith("/sign-in") || next.startsWith("/sign-up")) return null;
  return next;
}
