import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";

function capture() {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      out.push(String(chunk));
      done();
    },
  });
  return { out, log: createLogger("debug", "api", stream) };
}

describe("the API logger", () => {
  it("redacts keys that could carry personal data, at the top and one level down", () => {
    const { out, log } = capture();
    log.info(
      {
        email: "top@example.com",
        user: { email: "nested@example.com", name: "Jo Bloggs", id: "u1" },
        input: { note: "secret words" },
        headers: { cookie: "session=abc", authorization: "Bearer xyz" },
        requestId: "r1",
      },
      "hello",
    );
    const line = JSON.parse(out.join(""));
    expect(line.requestId).toBe("r1");
    expect(line.user.id).toBe("u1");
    const text = out.join("");
    for (const s of ["top@", "nested@", "Jo Bloggs", "secret words", "session=abc", "xyz"])
      expect(text).not.toContain(s);
  });

  it("logs errors without values PostgreSQL quotes and with addresses masked", () => {
    const { out, log } = capture();
    const err = Object.assign(new Error("could not send to jo@example.com"), {
      code: "23505",
      detail: "Key (email)=(jo@example.com) already exists.",
      parameters: ["jo@example.com", "Jo Bloggs"],
    });
    log.error({ err }, "failed");
    const line = JSON.parse(out.join(""));
    expect(line.err.code).toBe("23505");
    expect(line.err.message).toBe("could not send to [address]");
    expect(out.join("")).not.toMatch(/jo@example\.com|Jo Bloggs|already exists/);
  });
});
