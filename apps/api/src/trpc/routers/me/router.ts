import { router } from "../../init.ts";
import { getClientSettings } from "./get-client-settings.ts";
import { getMe } from "./get-me.ts";
import { getSessionState } from "./get-session-state.ts";
import { listAccessLog } from "./list-access-log.ts";
import { getDigestSettings, updateDigestSettings } from "./therapist-digest-settings.ts";
import { updateClientSettings } from "./update-client-settings.ts";

export const meRouter = router({
  get: getMe,
  sessionState: getSessionState,
  accessLog: listAccessLog,
  updateClientSettings,
  clientSettings: getClientSettings,
  digestSettings: getDigestSettings,
  updateDigestSettings,
});
