import { magicLinkClient, twoFactorClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

/**
 * better-auth on the same origin (/api/auth). Session state for routing comes from tRPC's
 * `me.sessionState`; this client is only for the sign-in, password and security actions.
 */
export const authClient = createAuthClient({
  baseURL: window.location.origin,
  basePath: "/api/auth",
  fetchOptions: { credentials: "same-origin" },
  // We show the code step ourselves when sign-in answers `twoFactorRedirect`.
  plugins: [magicLinkClient(), twoFactorClient()],
});
