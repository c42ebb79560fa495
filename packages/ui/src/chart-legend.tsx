import type { ReactNode } from "react";

export type LegendItem = { key: string; label: string; swatch: ReactNode };

/** What each kind of mark in a chart means: a small drawing of the mark, then its name. */
export function ChartLegend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="tend-chart-legend">
      {items.map((item) => (
        <li key={item.key}>
          <svg width="34" height="16" viewBox="0 0 34 16" aria-hidden="true" focusable="false">
            {item.swatch}
          </svg>
          <span>{item.label}</span>
        </li>
      ))}
    </ul>
  );
}
