// Top functions by self time (and by package) from a V8 .cpuprofile: `npx tsx bench/lib/profile-top.ts FILE`.
import { readFileSync } from "node:fs";

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
const profile = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
for (const [i, id] of profile.samples.entries())
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fn = new Map<string, number>();
const pkg = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id)!;
  const url = n.callFrame.url.replace(/^file:\/\//, "");
  const key = `${n.callFrame.functionName || "(anon)"} ${url.split("node_modules/").at(-1)}:${n.callFrame.lineNumber}`;
  fn.set(key, (fn.get(key) ?? 0) + t);
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  const p = m
    ? m[1]!
    : url.includes("/work/")
      ? "(app)"
      : url
        ? "(node)"
        : n.callFrame.functionName;
  pkg.set(p, (pkg.get(p) ?? 0) + t);
}
const top = (m: Map<string, number>, k: number) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, t]) => `${((100 * t) / total).toFixed(1).padStart(5)}%  ${name}`)
    .join("\n");
console.log(
  `by package:\n${top(pkg, 20)}\n\nby function:\n${top(fn, Number(process.argv[3] ?? 30))}`,
);
