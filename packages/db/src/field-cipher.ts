import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for the free text clients write. Each ciphertext names the key that made it
 * ("v1.<key id>.<iv>.<tag>.<data>", base64url parts), so keys can rotate: new writes use
 * the current key, old rows stay readable with the older keys until re-encrypted.
 * The associated data (e.g. the row id) binds a ciphertext to its row: it cannot be
 * copied onto another row and still decrypt.
 */
export class FieldCipher {
  readonly currentKeyId: string;
  private readonly keys: Map<string, Buffer>;

  constructor(keys: Map<string, Buffer>, currentKeyId: string) {
    if (!keys.has(currentKeyId)) throw new Error(`no key "${currentKeyId}" in the key ring`);
    for (const [id, key] of keys) {
      if (key.length !== 32) throw new Error(`key "${id}" must be 32 bytes (got ${key.length})`);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id))
        throw new Error(`key id "${id}" must be 1–32 letters, digits, - or _`);
    }
    this.keys = keys;
    this.currentKeyId = currentKeyId;
  }

  /** "k2:<base64 32 bytes>,k1:<base64 32 bytes>": the first is current, the rest still decrypt. */
  static fromSpec(spec: string): FieldCipher {
    const entries = spec
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((part) => {
        const i = part.indexOf(":");
        if (i <= 0)
          throw new Error(
            "DATA_ENCRYPTION_KEY must look like <key id>:<base64 key>[,<older id>:<older key>]",
          );
        return [part.slice(0, i), Buffer.from(part.slice(i + 1), "base64")] as const;
      });
    if (entries.length === 0) throw new Error("DATA_ENCRYPTION_KEY is empty");
    return new FieldCipher(new Map(entries), entries[0]![0]);
  }

  static generateSpec(keyId = "local1"): string {
    return `${keyId}:${randomBytes(32).toString("base64")}`;
  }

  encrypt(plaintext: string, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      "v1",
      this.currentKeyId,
      iv.toString("base64url"),
      tag.toString("base64url"),
      data.toString("base64url"),
    ].join(".");
  }

  decrypt(token: string, associatedData: string): string {
    const [version, keyId, iv, tag, data] = token.split(".");
    if (version !== "v1" || !keyId || !iv || !tag || data === undefined)
      throw new Error("not a Tend ciphertext");
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`ciphertext was made with key "${keyId}", which is not configured`);
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(data, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  }

  encryptJson(value: unknown, associatedData: string): string {
    return this.encrypt(JSON.stringify(value), associatedData);
  }

  decryptJson<T>(token: string, associatedData: string): T {
    return JSON.parse(this.decrypt(token, associatedData)) as T;
  }

  static keyIdOf(token: string): string | undefined {
    return token.split(".")[1];
  }
}
