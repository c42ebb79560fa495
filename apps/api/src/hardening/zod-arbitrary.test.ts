/**
 * The zod 4 → fast-check converter used by the property tests: what it generates must be
 * accepted by the schema it came from (refinements aside), for every kind it claims to cover.
 */
import {
  exerciseDefinitionSchema,
  localDateSchema,
  localTimeSchema,
  scheduleSchema,
  timeZoneSchema,
} from "@tend/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { zodArbitrary } from "../testing/zod-arbitrary.ts";
import { appRouter } from "../trpc/router.ts";

const SEED = 4242;

function acceptance(schema: z.ZodType, options?: Parameters<typeof zodArbitrary>[1]) {
  const samples = fc.sample(zodArbitrary(schema, options), { seed: SEED, numRuns: 200 });
  const ok = samples.filter((s) => schema.safeParse(s).success).length;
  return ok / samples.length;
}

const calendarDate = fc
  .date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const zone = fc.constantFrom("Europe/London", "America/New_York", "Asia/Kolkata");

describe("zodArbitrary", () => {
  const cases: Array<[string, z.ZodType]> = [
    ["strict object", z.object({ a: z.string(), b: z.boolean().optional() }).strict()],
    ["string lengths + trim", z.string().trim().max(20)],
    ["email", z.string().trim().toLowerCase().email().max(320)],
    ["top-level email", z.email()],
    ["uuid", z.string().uuid()],
    ["url", z.string().url()],
    ["regex", z.string().regex(/^[a-z0-9][a-z0-9-]*$/)],
    ["int with bounds", z.number().int().min(1).max(7)],
    ["z.int()", z.int().min(-3).max(3)],
    ["exclusive float", z.number().gt(0).lt(1)],
    ["multipleOf", z.number().multipleOf(5).min(0).max(100)],
    ["boolean", z.boolean()],
    ["enum", z.enum(["pause", "resume", "end"])],
    ["literal", z.literal("days")],
    ["array bounds", z.array(z.number().int()).min(2).max(3)],
    ["record", z.record(z.string().max(40), z.number())],
    ["union", z.union([z.string(), z.number(), z.null()])],
    ["discriminated union", scheduleSchema],
    ["nullable/optional/default", z.object({ a: z.string().nullable().optional().default("x") })],
    ["pipe (input side)", z.enum(["true", "false"]).transform((v) => v === "true")],
    ["coerce date", z.coerce.date()],
    ["date", z.date()],
    ["tuple", z.tuple([z.string(), z.number()])],
    ["local time (regex)", localTimeSchema],
    ["nested definition", exerciseDefinitionSchema],
    ["lazy", z.lazy(() => z.object({ name: z.string(), children: z.array(z.string()).max(2) }))],
  ];
  for (const [name, schema] of cases) {
    it(`generates values ${name} accepts`, () => {
      // A nested definition's superRefine (distinct step ids…) cannot be read back: most pass.
      expect(acceptance(schema)).toBeGreaterThanOrEqual(name === "nested definition" ? 0.7 : 0.97);
    });
  }

  it("uses overrides for refined schemas, and keys for the top-level object only", () => {
    const schema = z.object({
      id: z.string(),
      zone: timeZoneSchema,
      on: localDateSchema,
      nested: z.object({ id: z.string() }),
    });
    const overrides = new Map<unknown, fc.Arbitrary<unknown>>([
      [timeZoneSchema, zone],
      [localDateSchema, calendarDate],
    ]);
    const samples = fc.sample(
      zodArbitrary(schema, { overrides, keys: { id: fc.constant("row-1") } }),
      { seed: SEED, numRuns: 50 },
    ) as Array<z.infer<typeof schema>>;
    for (const s of samples) {
      expect(schema.safeParse(s).success).toBe(true);
      expect(s.id).toBe("row-1");
    }
    expect(samples.some((s) => s.nested.id !== "row-1")).toBe(true);
  });

  it("turns unknown kinds into anything (and never throws)", () => {
    expect(fc.sample(zodArbitrary(z.unknown()), { seed: SEED, numRuns: 10 })).toHaveLength(10);
    expect(fc.sample(zodArbitrary(z.custom(() => true)), { seed: SEED, numRuns: 10 })).toHaveLength(
      10,
    );
    expect(fc.sample(zodArbitrary("not a schema"), { seed: SEED, numRuns: 3 })).toHaveLength(3);
  });

  it("can build an arbitrary for the input of every tRPC procedure", () => {
    const procedures = Object.entries(
      appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>,
    );
    expect(procedures.length).toBeGreaterThan(20);
    for (const [, p] of procedures)
      for (const input of p._def.inputs)
        expect(fc.sample(zodArbitrary(input), { seed: SEED, numRuns: 5 })).toHaveLength(5);
  });
});
