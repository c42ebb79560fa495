import { readFileSync } from "node:fs";
const p = JSON.parse(readFileSync(process.argv[2]!, "utf8"));
const byId = new Map<number, any>(p.nodes.map((n: any) => [n.id, n]));
const self = new Map<number, number>();
p.samples.forEach((id: number, i: number) => self.set(id, (self.get(id) ?? 0) + p.timeDeltas[i]));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const memo = new Map<number, number>();
const sub = (id: number): number => { if (memo.has(id)) return memo.get(id)!; const v = (self.get(id) ?? 0) + (byId.get(id).children ?? []).reduce((a: number, c: number) => a + sub(c), 0); memo.set(id, v); return v; };
const agg = new Map<string, number>();
// inclusive per function name, but avoid double counting recursion: count only outermost occurrence on each path
const walk = (id: number, seen: Set<string>) => {
  const n = byId.get(id); const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber}`;
  const fresh = !seen.has(k);
  if (fresh) { agg.set(k, (agg.get(k) ?? 0) + sub(id)); seen.add(k); }
  for (const c of n.children ?? []) walk(c, seen);
  if (fresh) seen.delete(k);
};
walk(p.nodes[0].id, new Set());
const filt = process.argv[3] ? new RegExp(process.argv[3]) : /./;
for (const [k, t] of [...agg].filter(([k]) => filt.test(k)).sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[4] ?? 40))) console.log(((100 * t) / total).toFixed(1).padStart(5) + "%", k);
