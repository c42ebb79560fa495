/**
 * fast-check arbitraries from zod 4 schemas, by walking `schema._zod.def`.
 *
 * zod-fast-check only knows zod 3; this small converter covers what our API inputs use:
 * objects (strict or not), strings with lengths and formats (email, uuid, url, regex, ISO
 * date/time), numbers and ints with bounds, booleans, enums, literals, arrays, records,
 * unions and discriminated unions, optional/nullable/default, pipes and transforms (the
 * input side), dates and coerced dates, tuples, lazy. Anything else becomes `fc.anything()`.
 *
 * The values are "valid-shaped": they follow the schema's structure and bounds. Refinements
 * (`.refine`, `.superRefine`) cannot be read back, so give an `override` for a refined schema
 * whose values matter (a time zone, a real calendar date), or `keys` for a field whose values
 * should hit real rows (ids).
 */
import fc from "fast-check";

// biome-ignore lint/suspicious/noExplicitAny: zod's internal definitions are loosely typed on purpose
type Def = { type: string; [key: string]: any };
export type ZodLike = { _zod: { def: Def } };

export type ZodArbitraryOptions = {
  /** Arbitraries for particular schema instances (matched by identity, anywhere in the tree). */
  overrides?: Map<unknown, fc.Arbitrary<unknown>>;
  /** Arbitraries for keys of the top-level object, by name (e.g. ids of real rows). */
  keys?: Record<string, fc.Arbitrary<unknown>>;
  /** How deep `z.lazy` may recurse before it stops (default 3). */
  maxDepth?: number;
};

type Ctx = Required<Pick<ZodArbitraryOptions, "maxDepth">> &
  ZodArbitraryOptions & { depth: number; root: boolean };

const isSchema = (v: unknown): v is ZodLike =>
  typeof v === "object" &&
  v !== null &&
  "_zod" in v &&
  typeof (v as ZodLike)._zod?.def === "object";

/** The check definitions of a schema (`.min()`, `.max()`, `.email()`, `.regex()`, `.refine()`…). */
function checksOf(def: Def): Def[] {
  return ((def.checks ?? []) as ZodLike[]).map((c) => c._zod.def);
}

export function zodArbitrary(
  schema: unknown,
  options: ZodArbitraryOptions = {},
): fc.Arbitrary<unknown> {
  return build(schema, { maxDepth: 3, ...options, depth: 0, root: true });
}

function build(schema: unknown, parentCtx: Ctx, descend = false): fc.Arbitrary<unknown> {
  if (!isSchema(schema)) return fc.anything();
  const ctx = descend && parentCtx.root ? { ...parentCtx, root: false } : parentCtx;
  const override = ctx.overrides?.get(schema);
  if (override) return override;
  const def = schema._zod.def;
  switch (def.type) {
    case "string":
      return stringArb(def);
    case "number":
      return numberArb(def);
    case "int":
      return numberArb({ ...def, checks: [...(def.checks ?? [])] }, true);
    case "boolean":
      return fc.boolean();
    case "bigint":
      return fc.bigInt();
    case "null":
      return fc.constant(null);
    case "undefined":
    case "void":
      return fc.constant(undefined);
    case "nan":
      return fc.constant(Number.NaN);
    case "date":
      return def.coerce
        ? fc
            .date({ min: new Date("1970-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
            .map((d) => d.toISOString())
        : fc.date({ noInvalidDate: true });
    case "enum":
      return fc.constantFrom(...(Object.values(def.entries) as unknown[]));
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]));
    case "array": {
      const bounds = lengthBounds(checksOf(def));
      const minLength = bounds.min ?? 0;
      const maxLength = Math.min(bounds.max ?? minLength + 4, minLength + 4);
      return fc.array(build(def.element, ctx, true), { minLength, maxLength });
    }
    case "tuple":
      return fc.tuple(...(def.items as unknown[]).map((i) => build(i, ctx, true)));
    case "record":
      return fc
        .uniqueArray(fc.tuple(keyArb(def.keyType, ctx), build(def.valueType, ctx, true)), {
          maxLength: 4,
          selector: ([k]) => k,
        })
        .map((pairs) => Object.fromEntries(pairs));
    case "map":
    case "set":
      return fc.anything();
    case "object":
      return objectArb(def, ctx);
    case "union":
      return fc.oneof(...(def.options as unknown[]).map((o) => build(o, ctx)));
    case "intersection":
      return fc
        .tuple(build(def.left, ctx), build(def.right, ctx))
        .map(([l, r]) =>
          typeof l === "object" && l && typeof r === "object" && r ? { ...l, ...r } : l,
        );
    case "optional":
      return fc.oneof(
        { arbitrary: build(def.innerType, ctx), weight: 4 },
        { arbitrary: fc.constant(undefined), weight: 1 },
      );
    case "nullable":
      return fc.oneof(
        { arbitrary: build(def.innerType, ctx), weight: 4 },
        { arbitrary: fc.constant(null), weight: 1 },
      );
    case "default":
    case "prefault":
    case "catch":
      return fc.oneof(
        { arbitrary: build(def.innerType, ctx), weight: 4 },
        { arbitrary: fc.constant(undefined), weight: 1 },
      );
    case "nonoptional":
    case "readonly":
      return build(def.innerType, ctx);
    case "pipe":
      // What the caller sends is the input side; a transform's output is not sent.
      return build(def.in, ctx);
    case "transform":
      return fc.anything();
    case "lazy":
      if (ctx.depth >= ctx.maxDepth) return fc.constant(undefined);
      return build(def.getter(), { ...ctx, depth: ctx.depth + 1 }, true);
    case "promise":
      return build(def.innerType, ctx);
    case "template_literal":
      return fc.string();
    case "never":
      return fc.constant(undefined);
    default:
      // any, unknown, custom, file, symbol, function…: anything JSON can carry.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArb(def: Def, ctx: Ctx): fc.Arbitrary<unknown> {
  const shape = def.shape as Record<string, ZodLike>;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [key, value] of Object.entries(shape)) {
    model[key] = (ctx.root ? ctx.keys?.[key] : undefined) ?? build(value, ctx, true);
    const t = value._zod.def.type;
    const optional = t === "optional" || t === "default" || t === "prefault" || t === "catch";
    if (!optional) requiredKeys.push(key);
  }
  return fc.record(model, { requiredKeys });
}

function keyArb(keyType: unknown, ctx: Ctx): fc.Arbitrary<string> {
  if (isSchema(keyType) && keyType._zod.def.type === "string")
    return stringArb(keyType._zod.def).filter((k) => k !== "__proto__");
  return build(keyType, ctx).map(String);
}

function lengthBounds(checks: Def[]): { min?: number; max?: number } {
  let min: number | undefined;
  let max: number | undefined;
  for (const c of checks) {
    if (c.check === "min_length") min = Math.max(min ?? 0, c.minimum);
    if (c.check === "max_length") max = Math.min(max ?? Number.POSITIVE_INFINITY, c.maximum);
    if (c.check === "length_equals") min = max = c.length;
  }
  return { min, max };
}

const EMAIL_DOMAINS = ["example.com", "example.org", "mail.example.net"];

function formatArb(check: Def): fc.Arbitrary<string> | undefined {
  switch (check.format) {
    case "email":
      return fc
        .tuple(
          fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,14}[a-z0-9]$/),
          fc.constantFrom(...EMAIL_DOMAINS),
        )
        .map(([local, domain]) => `${local.replace(/\.{2,}/g, ".")}@${domain}`);
    case "uuid":
    case "guid":
      return fc.uuid();
    case "url":
      return fc.webUrl({ size: "small" });
    case "datetime":
      return fc
        .date({ min: new Date("1970-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
        .map((d) => d.toISOString());
    case "date":
      return fc
        .date({ min: new Date("1970-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case "time":
      return fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:00`);
    case "regex":
      return regexArb(check.pattern);
    default:
      return check.pattern instanceof RegExp ? regexArb(check.pattern) : undefined;
  }
}

function regexArb(pattern: RegExp): fc.Arbitrary<string> | undefined {
  try {
    return fc.stringMatching(pattern);
  } catch {
    return undefined; // a feature fast-check cannot generate from (lookbehind…): plain strings
  }
}

function stringArb(def: Def): fc.Arbitrary<string> {
  const checks = [...(def.format ? [def] : []), ...checksOf(def)];
  const { min, max } = lengthBounds(checks);
  const formats = checks.filter((c) => c.check === "string_format");
  const base = formats.map(formatArb).find((a) => a !== undefined);
  const patterns = formats.map((f) => f.pattern).filter((p): p is RegExp => p instanceof RegExp);
  const inBounds = (s: string) =>
    s.length >= (min ?? 0) && s.length <= (max ?? Number.MAX_SAFE_INTEGER);
  if (base) {
    // Other formats on the same string (a regex and an email…) must hold too; most values pass.
    return base.filter(
      (s) =>
        inBounds(s) &&
        patterns.every((p) => new RegExp(p.source, p.flags.replace("g", "")).test(s)),
    );
  }
  const minLength = min ?? 0;
  const maxLength = Math.min(max ?? minLength + 40, minLength + 40);
  return fc
    .oneof(
      { arbitrary: fc.string({ minLength, maxLength }), weight: 3 },
      { arbitrary: fc.string({ minLength, maxLength, unit: "grapheme" }), weight: 1 },
    )
    .filter(inBounds);
}

function numberArb(def: Def, forceInt = false): fc.Arbitrary<number> {
  let min: number | undefined;
  let max: number | undefined;
  let minExclusive = false;
  let maxExclusive = false;
  let int = forceInt;
  let multipleOf: number | undefined;
  for (const c of [...(def.format ? [def] : []), ...checksOf(def)]) {
    if (c.check === "number_format" || c.format)
      int ||= ["safeint", "int32", "uint32", "int64", "uint64"].includes(c.format);
    if (c.check === "greater_than" && (min === undefined || c.value >= min)) {
      min = Number(c.value);
      minExclusive = !c.inclusive;
    }
    if (c.check === "less_than" && (max === undefined || c.value <= max)) {
      max = Number(c.value);
      maxExclusive = !c.inclusive;
    }
    if (c.check === "multiple_of") multipleOf = Number(c.value);
  }
  if (int || multipleOf !== undefined) {
    const lo = min === undefined ? -1_000_000 : minExclusive ? Math.floor(min) + 1 : Math.ceil(min);
    const hi = max === undefined ? 1_000_000 : maxExclusive ? Math.ceil(max) - 1 : Math.floor(max);
    const ints = fc.integer({ min: lo, max: Math.max(lo, hi) });
    return multipleOf ? ints.map((n) => Math.round(n / multipleOf) * multipleOf) : ints;
  }
  return fc.double({
    min: min ?? -1e9,
    max: max ?? 1e9,
    minExcluded: minExclusive,
    maxExcluded: maxExclusive,
    noNaN: true,
    noDefaultInfinity: true,
  });
}
