import type { AppRouter } from "@tend/api/router";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

/** What each procedure answers, as the browser receives it. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
