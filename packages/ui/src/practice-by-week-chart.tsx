import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar, Line } from "@visx/shape";
import { type ReactNode, useRef } from "react";
import { ChartFigure, type ChartSize } from "./chart-figure.tsx";
import { labelStep, longDate, shortDate } from "./chart-numbers.ts";
import { useElementWidth } from "./use-element-width.ts";

export type WeekCount = { weekStart: string; count: number };

/** Whole numbers from 0 to at least `max`, at most about five of them. */
function countTicks(max: number): number[] {
  const step = Math.max(1, Math.ceil(max / 4));
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  return ticks;
}

/**
 * How many times someone practised in each week: one bar per week, empty weeks simply
 * empty (a calendar of what happened, never a streak to keep). Weeks start on Monday.
 */
export function PracticeByWeekChart({
  weeks,
  title,
  caption,
  size = "normal",
  headingLevel,
}: {
  weeks: readonly WeekCount[];
  title: string;
  caption?: ReactNode;
  size?: ChartSize;
  headingLevel?: 2 | 3 | 4;
}) {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const large = size === "large";
  const font = large ? (width < 480 ? 15 : 17) : 13;
  const height = large ? 280 : 210;
  const margin = { top: 24, right: 12, bottom: font * 2.6, left: font * 3 };
  const innerW = Math.max(80, width - margin.left - margin.right);
  const innerH = height - margin.top - margin.bottom;
  const most = Math.max(3, ...weeks.map((w) => w.count));
  const ticks = countTicks(most);
  const top = Math.max(ticks[ticks.length - 1]!, most);

  const x = scaleBand<string>({
    domain: weeks.map((w) => w.weekStart),
    range: [0, innerW],
    padding: 0.3,
  });
  const y = scaleLinear<number>({ domain: [0, top], range: [innerH, 0] });
  const step = labelStep(weeks.length, Math.floor(innerW / (font * 4.2)));
  const shownLabels = weeks
    .map((w) => w.weekStart)
    .filter((_, i) => (weeks.length - 1 - i) % step === 0);

  const chart = (
    <div ref={box} className="tend-chart-box">
      <svg width={width} height={height} role="presentation" focusable="false">
        <Group left={margin.left} top={margin.top}>
          {ticks.map((t) => (
            <Line
              key={t}
              from={{ x: 0, y: y(t) }}
              to={{ x: innerW, y: y(t) }}
              className="tend-chart-grid"
            />
          ))}
          {weeks.map((w) => {
            const bx = x(w.weekStart) ?? 0;
            const barH = innerH - y(w.count);
            return (
              <g key={w.weekStart}>
                {w.count > 0 ? (
                  <>
                    <Bar
                      x={bx}
                      y={y(w.count)}
                      width={x.bandwidth()}
                      height={barH}
                      rx={Math.min(6, x.bandwidth() / 4)}
                      className="tend-chart-bar"
                    />
                    <text
                      x={bx + x.bandwidth() / 2}
                      y={y(w.count) - 6}
                      fontSize={font}
                      textAnchor="middle"
                      className="tend-chart-value"
                    >
                      {w.count}
                    </text>
                  </>
                ) : null}
              </g>
            );
          })}
          <AxisLeft
            scale={y}
            tickValues={ticks}
            tickFormat={(v) => String(v)}
            hideAxisLine
            hideTicks
            tickLabelProps={{ fontSize: font, className: "tend-chart-tick", dx: -4 }}
          />
          <AxisBottom
            top={innerH}
            scale={x}
            tickValues={shownLabels}
            tickFormat={(v) => shortDate(String(v))}
            hideTicks
            axisLineClassName="tend-chart-axis"
            tickLabelProps={{ fontSize: font, className: "tend-chart-tick" }}
          />
        </Group>
      </svg>
    </div>
  );

  const table = (
    <table className="tend-table">
      <caption className="tend-visually-hidden">{title}</caption>
      <thead>
        <tr>
          <th scope="col">Week starting</th>
          <th scope="col">Times practised</th>
        </tr>
      </thead>
      <tbody>
        {weeks.map((w) => (
          <tr key={w.weekStart}>
            <th scope="row">{longDate(w.weekStart)}</th>
            <td>{w.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFigure
      title={title}
      caption={caption}
      chart={chart}
      table={table}
      size={size}
      headingLevel={headingLevel}
    />
  );
}
