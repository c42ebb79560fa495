import { describe, expect, it } from "vitest";
import { dataFor } from "./smtp-pipeline.ts";

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
