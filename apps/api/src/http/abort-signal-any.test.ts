import { describe, expect, it } from "vitest";
import { anySignal } from "./abort-signal-any.ts";

describe("anySignal", () => {
  it("aborts when any source aborts, with that source's reason", () => {
    const a = new AbortController();
    const b = new AbortController();
    const combined = anySignal([a.signal, b.signal]);
    expect(combined.aborted).toBe(false);
    b.abort(new Error("the client went away"));
    expect(combined.aborted).toBe(true);
    expect((combined.reason as Error).message).toBe("the client went away");
  });

  it("is aborted at once when a source already is", () => {
    const a = new AbortController();
    const b = new AbortController();
    a.abort("first");
    const combined = anySignal([a.signal, b.signal]);
    expect(combined.aborted).toBe(true);
    expect(combined.reason).toBe("first");
  });

  it("fires its own abort listeners once, and keeps the first reason", () => {
    const a = new AbortController();
    const b = new AbortController();
    const combined = anySignal([a.signal, b.signal]);
    const reasons: unknown[] = [];
    combined.addEventListener("abort", () => reasons.push(combined.reason));
    a.abort("one");
    b.abort("two");
    expect(reasons).toEqual(["one"]);
  });

  it("stops listening to every source once it has aborted", () => {
    const a = new AbortController();
    const b = new AbortController();
    const added: string[] = [];
    const removed: string[] = [];
    for (const [name, s] of [
      ["a", a.signal],
      ["b", b.signal],
    ] as const) {
      const add = s.addEventListener.bind(s);
      const remove = s.removeEventListener.bind(s);
      s.addEventListener = ((...args: Parameters<typeof add>) => {
        added.push(name);
        add(...args);
      }) as typeof s.addEventListener;
      s.removeEventListener = ((...args: Parameters<typeof remove>) => {
        removed.push(name);
        remove(...args);
      }) as typeof s.removeEventListener;
    }
    anySignal([a.signal, b.signal]);
    expect(added).toEqual(["a", "b"]);
    a.abort();
    expect(removed.sort()).toEqual(["a", "b"]);
  });

  it("with no sources, never aborts", () => {
    expect(anySignal([]).aborted).toBe(false);
  });
});
