import { describe, expect, it } from "vitest";
import { FieldCipher } from "./field-cipher.ts";

describe("FieldCipher", () => {
  const spec = FieldCipher.generateSpec("k1");

  it("round-trips text and never stores it in the clear", () => {
    const c = FieldCipher.fromSpec(spec);
    const token = c.encrypt("I am not good enough", "entry-1");
    expect(token).not.toContain("good enough");
    expect(token.startsWith("v1.k1.")).toBe(true);
    expect(c.decrypt(token, "entry-1")).toBe("I am not good enough");
  });

  it("uses a fresh IV each time", () => {
    const c = FieldCipher.fromSpec(spec);
    expect(c.encrypt("same", "a")).not.toBe(c.encrypt("same", "a"));
  });

  it("refuses a ciphertext moved to another row or tampered with", () => {
    const c = FieldCipher.fromSpec(spec);
    const token = c.encrypt("words", "entry-1");
    expect(() => c.decrypt(token, "entry-2")).toThrow();
    const parts = token.split(".");
    parts[4] = Buffer.from("other").toString("base64url");
    expect(() => c.decrypt(parts.join("."), "entry-1")).toThrow();
  });

  it("rotates: new writes use the first key, old ciphertexts still decrypt", () => {
    const old = FieldCipher.fromSpec(spec);
    const token = old.encrypt("older words", "e");
    const rotated = FieldCipher.fromSpec(`${FieldCipher.generateSpec("k2")},${spec}`);
    expect(rotated.currentKeyId).toBe("k2");
    expect(FieldCipher.keyIdOf(rotated.encrypt("new", "e"))).toBe("k2");
    expect(rotated.decrypt(token, "e")).toBe("older words");
    expect(() => FieldCipher.fromSpec(FieldCipher.generateSpec("k3")).decrypt(token, "e")).toThrow(
      /k1/,
    );
  });

  it("rejects malformed key specs with a sentence", () => {
    expect(() => FieldCipher.fromSpec("nokey")).toThrow(/DATA_ENCRYPTION_KEY/);
    expect(() => FieldCipher.fromSpec(`k1:${Buffer.alloc(16).toString("base64")}`)).toThrow(
      /32 bytes/,
    );
  });
});
