import { useId } from "react";

/**
 * A 0–10 rating between two named ends, as a native radio group: Tab moves into it, arrow keys
 * move along it, and nothing is chosen until the person chooses. Both end words stay visible.
 */
export function RatingScale({
  label,
  caption,
  left,
  right,
  value,
  onChange,
  min = 0,
  max = 10,
  name,
}: {
  /** The whole question for assistive tech, e.g. "How did the harsh version feel: stuck (0) to motivated (10)". */
  label: string;
  /** A short visible heading above the scale (the full label is what is read out). */
  caption?: string;
  left: string;
  right: string;
  value: number | undefined;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  name?: string;
}) {
  const generated = useId().replace(/:/g, "");
  const group = name ?? `rating-${generated}`;
  const points = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  return (
    <div className="tend-rating">
      {caption ? (
        <p className="tend-rating-caption" aria-hidden="true">
          {caption}
        </p>
      ) : null}
      <div role="radiogroup" aria-label={label} className="tend-rating-options">
        {points.map((n) => (
          <label key={n} className="tend-rating-option">
            <input
              type="radio"
              name={group}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
            />
            <span aria-hidden="true">{n}</span>
            <span className="tend-visually-hidden">
              {n === min ? `${n} (${left})` : n === max ? `${n} (${right})` : String(n)}
            </span>
          </label>
        ))}
      </div>
      <div className="tend-scale-poles" aria-hidden="true">
        <span>{left}</span>
        <span>{right}</span>
      </div>
    </div>
  );
}

/** A rating someone already gave, shown on the same 0–10 line (read-only). */
export function RatingDisplay({
  left,
  right,
  value,
  caption,
  min = 0,
  max = 10,
}: {
  left: string;
  right: string;
  value: number | undefined;
  /** What is rated, for assistive tech (the ends are visible). */
  caption?: string;
  min?: number;
  max?: number;
}) {
  const position = value === undefined ? null : ((value - min) / (max - min)) * 100;
  const spoken =
    value === undefined
      ? `${caption ? `${caption}: ` : ""}not rated`
      : `${caption ? `${caption}: ` : ""}${value} on a scale from ${left} (${min}) to ${right} (${max})`;
  return (
    <div className="tend-rating-display">
      <span className="tend-visually-hidden">{spoken}</span>
      <div aria-hidden="true">
        <div className="tend-rating-track">
          {position === null ? null : (
            <span className="tend-rating-marker" style={{ left: `${position}%` }}>
              {value}
            </span>
          )}
        </div>
        <div className="tend-scale-poles">
          <span>{left}</span>
          <span>{right}</span>
        </div>
      </div>
    </div>
  );
}
