import { writeFileSync } from "node:fs";

export type Figure = { value: number; unit: string; note?: string };
type Target = { op: "<=" | ">="; value: number };

/** What the issue asks for on a 2-core machine. */
export const TARGETS: Record<string, Target> = {
  "api.today.ratio_to_noop": { op: ">=", value: 0.7 },
  "api.today.ratio_to_hello": { op: ">=", value: 0.15 },
  "api.today.p99_ms": { op: "<=", value: 25 },
  "api.clients.p99_ms": { op: "<=", value: 25 },
  "api.review.p99_ms": { op: "<=", value: 25 },
  "worker.reminders.per_s": { op: ">=", value: 2000 },
  "worker.reminders.duplicates": { op: "<=", value: 0 },
  "worker.reminders.lost": { op: "<=", value: 0 },
  "worker.summaries.seconds": { op: "<=", value: 30 },
  "web.today.js_kb": { op: "<=", value: 120 },
  "web.today.lcp_ms": { op: "<=", value: 1000 },
  "web.review.lcp_ms": { op: "<=", value: 1000 },
  "mem.api.peak_mb": { op: "<=", value: 200 },
  "mem.worker.peak_mb": { op: "<=", value: 250 },
  "scale.reminders.duplicates": { op: "<=", value: 0 },
  "scale.reminders.lost": { op: "<=", value: 0 },
};

/** Named figures, each measured in this run (nothing is ever filled in by hand). */
export class Results {
  readonly figures: Record<string, Figure> = {};

  set(name: string, value: number, unit: string, note?: string) {
    const rounded = Number.isInteger(value) ? value : Number(value.toFixed(value < 10 ? 3 : 1));
    this.figures[name] = { value: rounded, unit, ...(note ? { note } : {}) };
  }

  verdict(name: string): string {
    const t = TARGETS[name];
    const f = this.figures[name];
    if (!t || !f) return "";
    const ok = t.op === ">=" ? f.value >= t.value : f.value <= t.value;
    return `${ok ? "met" : "MISSED"} (${t.op} ${t.value})`;
  }

  table(): string {
    const rows = Object.entries(this.figures).map(([name, f]) => [
      name,
      String(f.value),
      f.unit,
      this.verdict(name),
      f.note ?? "",
    ]);
    const head = ["figure", "value", "unit", "target", "note"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const fmtRow = (r: string[]) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd();
    return [fmtRow(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(fmtRow)].join(
      "\n",
    );
  }

  write(path: string, meta: Record<string, unknown>) {
    writeFileSync(path, `${JSON.stringify({ ...this.figures, _meta: meta }, null, 2)}\n`);
  }
}
