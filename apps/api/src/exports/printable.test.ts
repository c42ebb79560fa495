import { describe, expect, it } from "vitest";
import { printable, printableDeep } from "./printable.ts";

describe("printable (what Helvetica can draw)", () => {
  it("keeps Latin text, accents, curly quotes and dashes as they are", () => {
    const text = "Zoë’s “kinder” voice — café, naïve, Øresund, 5 €\nnext line";
    expect(printable(text)).toBe(text);
  });

  it("shows each run of other characters as one dot", () => {
    expect(printable("tired 😞 today")).toBe("tired · today");
    expect(printable("family 👨‍👩‍👧 time ❤️")).toBe("family · time ·");
    expect(printable("日本語で")).toBe("·");
    expect(printable("a → b, x − y")).toBe("a -> b, x - y");
  });

  it("reaches every string of a summary and leaves dates alone", () => {
    const at = new Date("2026-03-02T10:00:00Z");
    expect(printableDeep({ a: ["ok 😊"], b: { at, n: 3, s: "ß" } })).toEqual({
      a: ["ok ·"],
      b: { at, n: 3, s: "ß" },
    });
  });
});
