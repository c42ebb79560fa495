import { readFileSync } from "node:fs";
const p = JSON.parse(readFileSync(process.argv[2]!, "utf8"));
const target = process.argv[3]!;
const byId = new Map(p.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
p.samples.forEach((id: number, i: number) => self.set(id, (self.get(id) ?? 0) + p.timeDeltas[i]));
const agg = new Map<string, number>();
for (const n of p.nodes as any[]) {
  if (!n.callFrame.functionName.includes(target)) continue;
  // total time of subtree
  const sub = (id: number): number => (self.get(id) ?? 0) + ((byId.get(id) as any).children ?? []).reduce((a: number, c: number) => a + sub(c), 0);
  const t = sub(n.id);
  const chain: string[] = [];
  let cur = parent.get(n.id);
  while (cur !== undefined && chain.length < 14) { const c = (byId.get(cur) as any).callFrame; chain.push(`${c.functionName || "(anon)"}@${c.url.split("/").slice(-2).join("/")}:${c.lineNumber}`); cur = parent.get(cur); }
  const k = chain.join(" < ");
  agg.set(k, (agg.get(k) ?? 0) + t);
}
for (const [k, t] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log((t / 1000).toFixed(0), "ms", k, "\n");
