import { describe, expect, it } from "vitest";
import { homePathFor, safeNextPath } from "./use-session-state.ts";

describe("homePathFor", () => {
  it("sends each role to its own start page", () => {
    expect(homePathFor("therapist")).toBe("/clients");
    expect(homePathFor("client")).toBe("/home");
    expect(homePathFor(null)).toBe("/sign-in");
  });
});

describe("safeNextPath", () => {
  it("accepts our own paths only", () => {
    expect(safeNextPath("/clients/abc?x=1")).toBe("/clients/abc?x=1");
    expect(safeNextPath("https://evil.example")).toBeNull();
    expect(safeNextPath("//evil.example")).toBeNull();
    expect(safeNextPath("/\\evil.example")).toBeNull();
    expect(safeNextPath("/sign-in")).toBeNull();
    expect(safeNextPath(null)).toBeNull();
  });
});
