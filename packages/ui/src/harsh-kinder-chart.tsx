import { AxisBottom } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear, scalePoint } from "@visx/scale";
import { Line, LinePath } from "@visx/shape";
import { type ReactNode, useRef } from "react";
import { ChartFigure, type ChartSize } from "./chart-figure.tsx";
import { ChartLegend } from "./chart-legend.tsx";
import { CircleMark, MultiLineLabel, SquareMark } from "./chart-marks.tsx";
import {
  formatRating,
  labelStep,
  longDate,
  meanOf,
  shortDate,
  wrapWords,
} from "./chart-numbers.ts";
import { useElementWidth } from "./use-element-width.ts";

export type HarshKinderPoint = {
  entryId?: string;
  localDate: string;
  harsh: number;
  kinder: number;
};

/** The averages a caption or a table footer shows for one scale. */
export function harshKinderMeans(points: readonly HarshKinderPoint[]) {
  return { harsh: meanOf(points.map((p) => p.harsh)), kinder: meanOf(points.map((p) => p.kinder)) };
}

const HARSH = "tend-chart-harsh";
const KINDER = "tend-chart-kinder";

/**
 * One rating scale of the loved-one test over time: for each practice, how the harsh words
 * felt and how the kinder version felt, on the scale's own words (e.g. "stuck" at 0,
 * "motivated" at 10). Harsh: hollow squares on a dashed line. Kinder: filled circles on a solid
 * line. A thin line joins the two of each practice, so the gap between them is what stands out.
 */
export function HarshKinderChart({
  left,
  right,
  points,
  title,
  caption,
  size = "normal",
  headingLevel,
  harshLabel = "Harsh words",
  kinderLabel = "Kinder version",
}: {
  /** The word at 0, e.g. "stuck". */
  left: string;
  /** The word at 10, e.g. "motivated". */
  right: string;
  points: readonly HarshKinderPoint[];
  title: string;
  caption?: ReactNode;
  size?: ChartSize;
  headingLevel?: 2 | 3 | 4;
  harshLabel?: string;
  kinderLabel?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const large = size === "large";
  const font = large ? (width < 480 ? 15 : 17) : 13;
  const height = large ? 300 : 230;
  const wrapAt = 11;
  const poleLines = [wrapWords(right, wrapAt), wrapWords(left, wrapAt)];
  const longest = Math.max(...poleLines.flat().map((l) => l.length), 2);
  const margin = {
    top: font * 1.5,
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
  const means = harshKinderMeans(points);

  const legend = (
    <ChartLegend
      items={[
        {
          key: "harsh",
          label: harshLabel,
          swatch: (
            <>
              <line x1="1" y1="8" x2="33" y2="8" className={`${HARSH}-line`} />
              <SquareMark x={17} y={8} r={4.5} className={`${HARSH}-mark`} />
            </>
          ),
        },
        {
          key: "kinder",
          label: kinderLabel,
          swatch: (
            <>
              <line x1="1" y1="8" x2="33" y2="8" className={`${KINDER}-line`} />
              <CircleMark x={17} y={8} r={5} className={`${KINDER}-mark`} />
            </>
          ),
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
            lines={[...poleLines[0]!]}
            fontSize={font}
            className="tend-chart-pole"
          />
          <MultiLineLabel x={-10} y={y(5)} lines={["5"]} fontSize={font} />
          <MultiLineLabel
            x={-10}
            y={y(0)}
            lines={[...poleLines[1]!]}
            fontSize={font}
            className="tend-chart-pole"
          />
          {points.map((p, i) => (
            <Line
              // biome-ignore lint/suspicious/noArrayIndexKey: points are in time order; several can share a date
              key={`gap-${i}`}
              from={{ x: at(i), y: y(p.harsh) }}
              to={{ x: at(i), y: y(p.kinder) }}
              className="tend-chart-gap"
            />
          ))}
          {points.length > 1 ? (
            <>
              <LinePath
                data={[...points]}
                x={(_, i) => at(i)}
                y={(p) => y(p.harsh)}
                className={`${HARSH}-line`}
              />
              <LinePath
                data={[...points]}
                x={(_, i) => at(i)}
                y={(p) => y(p.kinder)}
                className={`${KINDER}-line`}
              />
            </>
          ) : null}
          {points.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: points are in time order; several can share a date
            <g key={`marks-${i}`}>
              <SquareMark x={at(i)} y={y(p.harsh)} r={r} className={`${HARSH}-mark`} />
              <CircleMark x={at(i)} y={y(p.kinder)} r={r + 0.5} className={`${KINDER}-mark`} />
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

  const scaleWords = `0 ${left} to 10 ${right}`;
  const table = (
    <table className="tend-table">
      <caption className="tend-visually-hidden">
        {title}: {scaleWords}
      </caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">
            {harshLabel} <span className="tend-table-unit">({scaleWords})</span>
          </th>
          <th scope="col">
            {kinderLabel} <span className="tend-table-unit">({scaleWords})</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {points.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: points are in time order; several can share a date
          <tr key={`${p.entryId ?? p.localDate}-${i}`}>
            <th scope="row">{longDate(p.localDate)}</th>
            <td>{formatRating(p.harsh)}</td>
            <td>{formatRating(p.kinder)}</td>
          </tr>
        ))}
      </tbody>
      {points.length > 0 ? (
        <tfoot>
          <tr>
            <th scope="row">
              Average of {points.length === 1 ? "1 practice" : `${points.length} practices`}
            </th>
            <td>{means.harsh === null ? "–" : formatRating(means.harsh)}</td>
            <td>{means.kinder === null ? "–" : formatRating(means.kinder)}</td>
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
