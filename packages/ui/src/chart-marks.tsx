/**
 * The marks the charts draw, each told apart by shape and line style as well as colour:
 * the harsh words as hollow squares on a dashed line, the kinder version as filled circles on
 * a solid line; "before" hollow, "after" filled.
 */
export function SquareMark({
  x,
  y,
  r,
  className,
}: {
  x: number;
  y: number;
  r: number;
  className: string;
}) {
  return <rect x={x - r} y={y - r} width={r * 2} height={r * 2} className={className} />;
}

export function CircleMark({
  x,
  y,
  r,
  className,
}: {
  x: number;
  y: number;
  r: number;
  className: string;
}) {
  return <circle cx={x} cy={y} r={r} className={className} />;
}

/** A tick label of one or more lines (pole words can be long), right-aligned beside a left axis. */
export function MultiLineLabel({
  x,
  y,
  lines,
  fontSize,
  className = "tend-chart-tick",
  anchor = "end",
}: {
  x: number;
  y: number;
  lines: readonly string[];
  fontSize: number;
  className?: string;
  anchor?: "start" | "middle" | "end";
}) {
  const lineHeight = fontSize * 1.15;
  const first = y - ((lines.length - 1) * lineHeight) / 2;
  return (
    <text
      x={x}
      y={first}
      fontSize={fontSize}
      textAnchor={anchor}
      dominantBaseline="middle"
      className={className}
    >
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a label's lines never move
        <tspan key={`${i}-${line}`} x={x} dy={i === 0 ? 0 : lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
}
