import { AxisBottom } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear, scalePoint } from "@visx/scale";
import { Line } from "@visx/shape";
import { type ReactNode, useRef } from "react";
import { ChartFigure, type ChartSize } from "./chart-figure.tsx";
import { ChartLegend } from "./chart-legend.tsx";
import { CircleMark, MultiLineLabel } from "./chart-marks.tsx";
import {
  formatRating,
  labelStep,
  longDate,
  meanOf,
  shortDate,
  wrapWords,
} from "./chart-numbers.ts";
import { useElementWidth } from "./use-element-width.ts";

export type IntensityPoint = {
  entryId?: string;
  localDate: string;
  before: number | null;
  after: number | null;
};

/** The averages a caption or a table footer shows. */
export function intensityMeans(points: readonly IntensityPoint[]) {
  return { before: meanOf(points.map((p) => p.before)), after: meanOf(points.map((p) => p.after)) };
}

/**
 * How strong a feeling was before and after a practice (soothing touch), one pair per
 * practice: "before" a hollow circle, "after" a filled one, joined by a line. Either rating
 * may have been skipped; then only the other is drawn.
 */
export function IntensityChart({
  points,
  title,
  caption,
  low = "not at all",
  high = "as strong as it gets",
  size = "normal",
  headingLevel,
}: {
  points: readonly IntensityPoint[];
  title: string;
  caption?: ReactNode;
  /** The words at 0 and at 10. */
  low?: string;
  high?: string;
  size?: ChartSize;
  headingLevel?: 2 | 3 | 4;
}) {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const large = size === "large";
  const font = large ? (width < 480 ? 15 : 17) : 13;
  const height = large ? 300 : 230;
  const wrapAt = 11;
  const highLines = wrapWords(high, wrapAt);
  const lowLines = wrapWords(low, wrapAt);
  const longest = Math.max(...[...highLines, ...lowLines].map((l) => l.length), 2);
  const margin = {
    top: font * 2,
    right: 16,
    bottom: font * 2.6,
    left: Math.min(160, font * 0.7 * longest + font),
  };
  const innerW = Math.max(80, width - margin.left - margin.right);
  const innerH = height - margin.top - margin.bottom;
  const keys = points.map((_, i) => String(i));
  const x = scalePoint<string>({ domain: keys, range: [0, innerW], padding: 0.5 });
  const y = scaleLinear<number>({ domain: [0, 10], range: [innerH, 0] });
  const r = large ? 7 : 5.5;
  const step = labelStep(points.length, Math.floor(innerW / (font * 4.2)));
  const shown = keys.filter((_, i) => (points.length - 1 - i) % step === 0);
  const at = (i: number) => x(String(i)) ?? 0;
  const means = intensityMeans(points);

  const legend = (
    <ChartLegend
      items={[
        {
          key: "before",
          label: "Before",
          swatch: <CircleMark x={17} y={8} r={5} className="tend-chart-before-mark" />,
        },
        {
          key: "after",
          label: "After",
          swatch: <CircleMark x={17} y={8} r={5.5} className="tend-chart-after-mark" />,
        },
      ]}
    />
  );

  const chart = (
    <div ref={box} className="tend-chart-box">
      <svg width={width} height={height} role="presentation" focusable="false">
        <Group left={margin.left} top={margin.top}>
          {[0, 5, 10].map((t) => (
            <Line
              key={t}
              from={{ x: 0, y: y(t) }}
              to={{ x: innerW, y: y(t) }}
              className="tend-chart-grid"
            />
          ))}
          <MultiLineLabel
            x={-10}
            y={y(10)}
            lines={highLines}
            fontSize={font}
            className="tend-chart-pole"
          />
          <MultiLineLabel x={-10} y={y(5)} lines={["5"]} fontSize={font} />
          <MultiLineLabel
            x={-10}
            y={y(0)}
            lines={lowLines}
            fontSize={font}
            className="tend-chart-pole"
          />
          {points.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: points are in time order; several can share a date
            <g key={i}>
              {p.before !== null && p.after !== null ? (
                <Line
                  from={{ x: at(i), y: y(p.before) }}
                  to={{ x: at(i), y: y(p.after) }}
                  className="tend-chart-gap"
                />
              ) : null}
              {p.before !== null ? (
                <CircleMark x={at(i)} y={y(p.before)} r={r} className="tend-chart-before-mark" />
              ) : null}
              {p.after !== null ? (
                <CircleMark
                  x={at(i)}
                  y={y(p.after)}
                  r={r + 0.5}
                  className="tend-chart-after-mark"
                />
              ) : null}
            </g>
          ))}
          <AxisBottom
            top={innerH}
            scale={x}
            tickValues={shown}
            tickFormat={(v) => shortDate(points[Number(v)]?.localDate ?? "")}
            hideTicks
            axisLineClassName="tend-chart-axis"
            tickLabelProps={{ fontSize: font, className: "tend-chart-tick" }}
          />
        </Group>
      </svg>
    </div>
  );

  const scaleWords = `0 ${low} to 10 ${high}`;
  const cell = (v: number | null) => (v === null ? "not rated" : formatRating(v));
  const table = (
    <table className="tend-table">
      <caption className="tend-visually-hidden">
        {title}: {scaleWords}
      </caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">
            Before <span className="tend-table-unit">({scaleWords})</span>
          </th>
          <th scope="col">
            After <span className="tend-table-unit">({scaleWords})</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {points.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: points are in time order; several can share a date
          <tr key={`${p.entryId ?? p.localDate}-${i}`}>
            <th scope="row">{longDate(p.localDate)}</th>
            <td>{cell(p.before)}</td>
            <td>{cell(p.after)}</td>
          </tr>
        ))}
      </tbody>
      {points.length > 0 ? (
        <tfoot>
          <tr>
            <th scope="row">Average</th>
            <td>{means.before === null ? "–" : formatRating(means.before)}</td>
            <td>{means.after === null ? "–" : formatRating(means.after)}</td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );

  return (
    <ChartFigure
      title={title}
      caption={caption}
      legend={legend}
      chart={chart}
      table={table}
      size={size}
      headingLevel={headingLevel}
    />
  );
}
