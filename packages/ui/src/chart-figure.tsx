import { type ReactNode, useId, useState } from "react";

export type ChartSize = "normal" | "large";

/**
 * A chart with words around it: a title and a kind sentence saying what it shows (the
 * figcaption), the drawing itself (hidden from screen readers), and the same numbers as a
 * table. The table is always in the page for screen readers; "Show the numbers" shows it to
 * everyone else too.
 */
export function ChartFigure({
  title,
  caption,
  legend,
  chart,
  table,
  headingLevel = 3,
  size = "normal",
}: {
  title: string;
  /** One or two kind sentences: what a person might notice here. */
  caption?: ReactNode;
  /** Shown above the drawing: what each mark means, by shape as well as colour. */
  legend?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  headingLevel?: 2 | 3 | 4;
  size?: ChartSize;
}) {
  const base = useId().replace(/:/g, "");
  const [showNumbers, setShowNumbers] = useState(false);
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  return (
    <figure
      className={`tend-chart${size === "large" ? " tend-chart-large" : ""}`}
      aria-labelledby={`${base}-title`}
    >
      <figcaption className="tend-chart-caption">
        <Heading className="tend-chart-title" id={`${base}-title`}>
          {title}
        </Heading>
        {caption ? <p className="tend-chart-lead">{caption}</p> : null}
      </figcaption>
      {legend}
      <div className="tend-chart-plot" aria-hidden="true">
        {chart}
      </div>
      <div className="tend-chart-numbers">
        <button
          type="button"
          className="tend-link-button"
          aria-expanded={showNumbers}
          aria-controls={`${base}-table`}
          onClick={() => setShowNumbers((v) => !v)}
        >
          {showNumbers ? "Hide the numbers" : "Show the numbers"}
        </button>
        <div
          id={`${base}-table`}
          className={showNumbers ? "tend-chart-table" : "tend-visually-hidden"}
        >
          {table}
        </div>
      </div>
    </figure>
  );
}
