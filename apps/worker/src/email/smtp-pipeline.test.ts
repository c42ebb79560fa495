import { describe, expect, it } from "vitest";
import { dataFor } from "./smtp-pipeline.ts";
import { ehloName } from "./transport.ts";

describe("dataFor (a message as DATA carries it)", () => {
  it("ends with a lone dot, after a line end that is there or added", () => {
    expect(dataFor("a\r\nb\r\n")).toBe("a\r\nb\r\n.\r\n");
    expect(dataFor("a\r\nb")).toBe("a\r\nb\r\n.\r\n");
  });

  it("doubles a dot that starts a line, the first line included", () => {
    expect(dataFor(".x\r\n.\r\ny.z\r\n..w\r\n")).toBe("..x\r\n..\r\ny.z\r\n...w\r\n.\r\n");
  });

  it("turns bare LF and bare CR into CRLF before stuffing (no smuggled end of data)", () => {
    expect(dataFor("a\nb\r\nc\rd\n.\n")).toBe("a\r\nb\r\nc\r\nd\r\n..\r\n.\r\n");
    expect(dataFor("a\r.\rb")).toBe("a\r\n..\r\nb\r\n.\r\n");
  });
});

describe("ehloName (what EHLO says, as nodemailer does)", () => {
  it("keeps a FQDN, brackets an IPv4 address, and falls back to [127.0.0.1]", () => {
    expect(ehloName("mail.tend.example")).toBe("mail.tend.example");
    expect(ehloName("10.0.0.7")).toBe("[10.0.0.7]");
    expect(ehloName("worker-1")).toBe("[127.0.0.1]");
    expect(ehloName("")).toBe("[127.0.0.1]");
  });
});
