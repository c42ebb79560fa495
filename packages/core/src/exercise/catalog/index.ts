import type { CatalogExercise } from "../model.ts";
import { lovedOneTest } from "./loved-one-test.ts";

/** The built-in self-compassion library, in the order a therapist sees it. */
export const CATALOG: readonly CatalogExercise[] = [lovedOneTest];

export function findCatalogExercise(slug: string): CatalogExercise | undefined {
  return CATALOG.find((e) => e.slug === slug);
}
