import { FriendlyError, OFFLINE, OUR_SIDE } from "../../lib/errors.ts";

export type AcceptInvitationInput = {
  token: string;
  name: string;
  timeZone: string;
  password?: string;
};

/** POST /api/auth/tend/accept-invitation: creates the client's account and signs them in. */
export async function acceptInvitation(input: AcceptInvitationInput): Promise<void> {
  let res: Response;
  try {
    res = await fetch("/api/auth/tend/accept-invitation", {
      method: "POST",
      headers: { "content-type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(input),
    });
  } catch {
    throw new FriendlyError(OFFLINE);
  }
  if (res.ok) return;
  const body = (await res.json().catch(() => null)) as { message?: unknown } | null;
  const message = typeof body?.message === "string" && body.message ? body.message : null;
  if (res.status === 429)
    throw new FriendlyError(
      "That was a lot of tries in a short time. Please wait a minute, then try again.",
      {},
      429,
    );
  throw new FriendlyError(res.status < 500 && message ? message : OUR_SIDE, {}, res.status);
}
