import type { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { getRequestStateAsyncLocalStorage } from "@better-auth/core/context";
import { describe, expect, it } from "vitest";
import { authCall, authCallsRunning } from "./auth-call.ts";

/** Node 20 keeps whether a storage is switched on in this (undocumented) field. */
const isOn = (storage: AsyncLocalStorage<unknown>) =>
  (storage as unknown as { enabled: boolean }).enabled;

describe("authCall", () => {
  it("switches better-auth's storage off once no call of it is running", async () => {
    const storage = (await getRequestStateAsyncLocalStorage()) as AsyncLocalStorage<unknown>;
    const result = await authCall(() =>
      storage.run(new Map([["who", "a"]]), async () => {
        await sleep(1);
        expect(isOn(storage)).toBe(true);
        return (storage.getStore() as Map<string, string>).get("who");
      }),
    );
    expect(result).toBe("a");
    expect(authCallsRunning()).toBe(0);
    expect(isOn(storage)).toBe(false);
  });

  it("leaves a call's state alone while another call ends before it", async () => {
    const storage = (await getRequestStateAsyncLocalStorage()) as AsyncLocalStorage<unknown>;
    const seen: string[] = [];
    const slow = authCall(() =>
      storage.run("slow", async () => {
        await sleep(30);
        seen.push(String(storage.getStore()));
      }),
    );
    const quick = authCall(() =>
      storage.run("quick", async () => {
        await sleep(1);
        seen.push(String(storage.getStore()));
      }),
    );
    await quick;
    expect(authCallsRunning()).toBe(1);
    expect(isOn(storage)).toBe(true);
    await slow;
    expect(seen).toEqual(["quick", "slow"]);
    expect(isOn(storage)).toBe(false);
  });

  it("switches the storage off after a call that fails, and passes the failure on", async () => {
    const storage = (await getRequestStateAsyncLocalStorage()) as AsyncLocalStorage<unknown>;
    await expect(
      authCall(() =>
        storage.run("x", async () => {
          throw new Error("refused");
        }),
      ),
    ).rejects.toThrow("refused");
    expect(isOn(storage)).toBe(false);
  });
});
