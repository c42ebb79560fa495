// `npm run build -w @tend/api` / `-w @tend/worker`: bundle the app's src/main.ts, with the
// workspace packages it imports (they export TypeScript sources), into the app's dist/ as
// plain ESM JavaScript for `node dist/main.js`. Everything from node_modules stays an import,
// resolved at run time as under tsx. Lazily imported modules (`await import(...)`) become
// chunks of their own, so what they import loads on first use, not at boot.
//
// Chunks sit beside main.js: code that resolves paths from `import.meta.dirname` (env.ts's
// repository root) sees the same depth in dist/ as in src/.
import { rmSync } from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";

/** Bundle our own code (relative paths and `@tend/*`); import every npm package at run time. */
const npmPackagesExternal: Plugin = {
  name: "npm-packages-external",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@tend/") ? undefined : { path: args.path, external: true },
    );
  },
};

export async function buildApp(appDir: string, outdir = path.join(appDir, "dist")) {
  rmSync(outdir, { recursive: true, force: true });
  return build({
    absWorkingDir: appDir,
    entryPoints: { main: "src/main.ts" },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20.19",
    jsx: "automatic",
    tsconfig: path.join(appDir, "tsconfig.json"),
    sourcemap: "linked",
    // The sources are in the repository: the maps point at them instead of copying them.
    sourcesContent: false,
    chunkNames: "[name]-[hash]",
    plugins: [npmPackagesExternal],
    logLevel: "warning",
    metafile: true,
  });
}

if (process.argv[1] === import.meta.filename) {
  const started = performance.now();
  const result = await buildApp(process.cwd());
  const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith(".js"));
  const kb = outputs.reduce((sum, [, o]) => sum + o.bytes, 0) / 1024;
  console.log(
    `built dist/main.js (${outputs.length} files, ${kb.toFixed(0)} kB) in ${(performance.now() - started).toFixed(0)} ms`,
  );
}
