import { describe, expect, it } from "vitest";
import { toWire } from "./wire.ts";

describe("toWire", () => {
  it("turns every Date, however deep, into the string JSON would send", () => {
    const at = new Date("2026-11-26T09:15:00.000Z");
    const screen = {
      joinedAt: at,
      clients: [{ id: "a", seen: [at, null], note: { at, text: "kind" } }],
      count: 3,
      none: null,
      flag: false,
    };
    const wire = toWire(screen);
    expect(wire).toEqual({
      joinedAt: "2026-11-26T09:15:00.000Z",
      clients: [
        {
          id: "a",
          seen: ["2026-11-26T09:15:00.000Z", null],
          note: { at: "2026-11-26T09:15:00.000Z", text: "kind" },
        },
      ],
      count: 3,
      none: null,
      flag: false,
    });
    expect(JSON.stringify(wire)).toBe(JSON.stringify(screen));
  });

  it("leaves the screen it was given as it was", () => {
    const at = new Date(0);
    const screen = { at, list: [at] };
    toWire(screen);
    expect(screen.at).toBe(at);
    expect(screen.list[0]).toBe(at);
  });
});
