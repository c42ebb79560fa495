import { afterAll, beforeAll, expect, it } from "vitest";
import {
  createTestApi,
  inviteAndAccept,
  signUpTherapist,
  type TestApi,
} from "./testing/harness.ts";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => api?.drop());

it("a therapist signs up, invites a client, the client accepts", async () => {
  const t = await signUpTherapist(api, "Dana Therapist", "dana@example.com");
  const c = await inviteAndAccept(api, t, "Chris Client", "chris@example.com");
  const me = await c.caller.query("me.get");
  expect(me).toMatchObject({ role: "client", client: { therapistName: "Dana Therapist" } });
  const list = await t.caller.query("clients.list");
  expect(list.clients.map((x: { email: string }) => x.email)).toEqual(["chris@example.com"]);
});
