import { describe, expect, it } from "vitest";
import { tokenFromHash, unsubscribeKindOf } from "./email-link-token.ts";

const b64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

describe("email link tokens", () => {
  it("reads the token from the fragment, and nothing else", () => {
    expect(tokenFromHash("#abc.def")).toBe("abc.def");
    expect(tokenFromHash("#abc%2Edef")).toBe("abc.def");
    expect(tokenFromHash("")).toBeNull();
    expect(tokenFromHash("#<script>")).toBeNull();
  });

  it("tells which emails an unsubscribe link is about", () => {
    const token = `${b64url({ p: "unsubscribe", u: "x", k: "summaries" })}.sig`;
    expect(unsubscribeKindOf(token)).toBe("summaries");
    expect(unsubscribeKindOf(`${b64url({ p: "not-today" })}.sig`)).toBeNull();
    expect(unsubscribeKindOf("garbage.sig")).toBeNull();
  });
});
