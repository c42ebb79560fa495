import { describe, expect, it } from "vitest";
import { authErrorMessage, FriendlyError, OUR_SIDE, toProblem } from "./errors.ts";

describe("authErrorMessage", () => {
  it("turns better-auth's terse codes into kind sentences", () => {
    expect(
      authErrorMessage({
        code: "INVALID_EMAIL_OR_PASSWORD",
        message: "Invalid email or password",
        status: 401,
      }),
    ).toMatch(/don't match/);
  });

  it("keeps the sentences our API writes for people", () => {
    const weak =
      "That password is one of the most common ones, so it is easy to guess. Please choose another.";
    expect(authErrorMessage({ code: "WEAK_PASSWORD", message: weak, status: 400 })).toBe(weak);
  });

  it("never shows internals", () => {
    expect(authErrorMessage({ message: "Failed to create user", status: 500 })).toBe(OUR_SIDE);
    expect(authErrorMessage({ message: "Validation Error", status: 400 })).toBe(OUR_SIDE);
  });

  it("asks for patience after too many tries", () => {
    expect(authErrorMessage({ status: 429 })).toMatch(/wait a minute/);
  });
});

describe("toProblem", () => {
  it("passes a FriendlyError through", () => {
    expect(toProblem(new FriendlyError("Please sign in.", { email: "Check it." }, 401))).toEqual({
      message: "Please sign in.",
      fields: { email: "Check it." },
      status: 401,
    });
  });

  it("falls back to a calm sentence for anything else", () => {
    expect(toProblem(new Error("boom")).message).toBe(OUR_SIDE);
  });
});
