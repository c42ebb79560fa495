/**
 * Hostile variants of well-shaped inputs, for property tests of every boundary: a key
 * dropped, a value of the wrong type, huge strings, NUL bytes, bidi overrides, emoji, lone
 * surrogates, deep nesting, prototype-pollution keys, odd numbers, extra keys.
 */
import fc from "fast-check";

export const SQL_PAYLOADS = ["'; drop table entry; --", '" or 1=1 --', "\\x00", "$$", "$1", "1'--"];
export const SCRIPT_PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  '"><svg onload=alert(1)>',
];

/** Strings that break naive code: control characters, bidi, emoji, surrogates, payloads. */
export const NASTY_STRINGS = [
  "\u0000",
  "a\u0000b",
  "\u202Eevil\u202C.txt",
  "\u2066isolate\u2069",
  "🙂",
  "👩‍👩‍👧‍👦🏳️‍🌈",
  "\uD800",
  "a\uDFFFb",
  "\u200B\u200D\uFEFF",
  "\r\n\t",
  "   ",
  "",
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗",
  "ﷺ",
  "%00%zz%",
  "../../etc/passwd",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, on purpose
  "${7*7}{{7*7}}",
  "null",
  "NaN",
  "-1",
  "__proto__",
  ...SQL_PAYLOADS,
  ...SCRIPT_PAYLOADS,
];

/** Values of the wrong type for almost any field. */
export const WRONG_TYPES: unknown[] = [
  0,
  -1,
  1.5,
  1e308,
  2 ** 53 + 1,
  true,
  false,
  null,
  [],
  {},
  [[]],
  [null],
  "x",
  "1",
  "true",
  "2026-02-30",
];

/** Numbers that are out of range, not numbers (NaN and ±Infinity travel as null in JSON), or not integers. */
export const BAD_NUMBERS = [
  -1,
  -0,
  0,
  0.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e21,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
];

export const MUTATIONS = [
  "drop-key",
  "wrong-type",
  "huge-string",
  "nasty-string",
  "deep-nesting",
  "prototype-key",
  "extra-key",
  "bad-number",
  "wrong-root",
] as const;
export type Mutation = (typeof MUTATIONS)[number];

type Path = Array<string | number>;

/** Every path in a JSON-like value (the root is []), breadth first, at most `limit`. */
function pathsOf(value: unknown, limit = 200): Array<{ path: Path; value: unknown }> {
  const out: Array<{ path: Path; value: unknown }> = [];
  const queue: Array<{ path: Path; value: unknown }> = [{ path: [], value }];
  while (queue.length && out.length < limit) {
    const item = queue.shift()!;
    out.push(item);
    const v = item.value;
    if (Array.isArray(v))
      for (const [i, x] of v.entries()) queue.push({ path: [...item.path, i], value: x });
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) queue.push({ path: [...item.path, k], value: x });
  }
  return out;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  // defineProperty: a key named "__proto__" must become an own key, not a prototype change.
  Object.defineProperty(parent, path.at(-1)!, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return root;
}

function deleteAt(root: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
  else delete parent[path.at(-1)!];
  return root;
}

function nested(depth: number, leaf: unknown, kind: "array" | "object"): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = kind === "array" ? [v] : { a: v };
  return v;
}

export type MutationChoice = {
  kind: Mutation;
  /** Picks the place in the value to change. */
  at: number;
  nasty: string;
  wrong: unknown;
  number: number;
  size: number;
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Apply one mutation to a copy of `valid`. Deterministic for a given choice. */
export function mutate(valid: unknown, c: MutationChoice): unknown {
  const root = valid === undefined ? undefined : structuredClone(valid);
  const all = pathsOf(root);
  const pick = <T>(xs: T[]): T | undefined => (xs.length ? xs[c.at % xs.length] : undefined);
  switch (c.kind) {
    case "drop-key": {
      const target = pick(all.filter((p) => p.path.length > 0));
      return target ? deleteAt(root, target.path) : undefined;
    }
    case "wrong-type": {
      const target = pick(all)!;
      return setAt(root, target.path, c.wrong);
    }
    case "huge-string": {
      // Below the 1 MB body limit, so it reaches validation; multi-byte on purpose.
      const huge = c.size % 2 ? "x".repeat(300_000) : "🙂".repeat(100_000);
      const strings = all.filter((p) => typeof p.value === "string");
      return setAt(root, (pick(strings) ?? pick(all)!).path, huge);
    }
    case "nasty-string": {
      const strings = all.filter((p) => typeof p.value === "string");
      const target = pick(strings) ?? pick(all)!;
      // Either the whole value, or the nasty part inside an otherwise fine value.
      const v =
        typeof target.value === "string" && c.size % 2 ? `${target.value}${c.nasty}` : c.nasty;
      return setAt(root, target.path, v);
    }
    case "deep-nesting": {
      const depth = 200 + (c.size % 1800);
      return setAt(root, pick(all)!.path, nested(depth, 1, c.size % 3 ? "array" : "object"));
    }
    case "prototype-key": {
      const objects = all.filter((p) => isPlainObject(p.value));
      const key = ["__proto__", "constructor", "prototype"][c.size % 3]!;
      const polluter = { polluted: "yes", isAdmin: true, role: "therapist" };
      if (!objects.length) return setAt({}, [key], polluter);
      const target = pick(objects)!;
      return setAt(root, [...target.path, key], polluter);
    }
    case "extra-key": {
      const objects = all.filter((p) => isPlainObject(p.value));
      if (!objects.length) return { unexpected: c.wrong };
      return setAt(root, [...pick(objects)!.path, `extra${c.size % 5}`], c.wrong);
    }
    case "bad-number": {
      const numbers = all.filter((p) => typeof p.value === "number");
      return setAt(root, (pick(numbers) ?? pick(all)!).path, c.number);
    }
    case "wrong-root":
      return c.wrong;
  }
}

export const mutationChoice: fc.Arbitrary<MutationChoice> = fc.record({
  kind: fc.constantFrom(...MUTATIONS),
  at: fc.nat(),
  nasty: fc.constantFrom(...NASTY_STRINGS),
  wrong: fc.constantFrom(...WRONG_TYPES),
  number: fc.constantFrom(...BAD_NUMBERS),
  size: fc.nat(),
});

export type Sample = { kind: "valid" | Mutation; input: unknown };

/** Well-shaped inputs (1 in 3) and hostile variants of them (2 in 3). */
export function hostileInputs(valid: fc.Arbitrary<unknown>): fc.Arbitrary<Sample> {
  return fc.oneof(
    { arbitrary: valid.map((input): Sample => ({ kind: "valid", input })), weight: 1 },
    {
      arbitrary: fc
        .tuple(valid, mutationChoice)
        .map(([v, c]): Sample => ({ kind: c.kind, input: mutate(v, c) })),
      weight: 2,
    },
  );
}

/** A short description of an input for failure messages (huge values are cut). */
export function describeInput(input: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(input) ?? "undefined";
  } catch (err) {
    text = `<${(err as Error).message}>`;
  }
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}
