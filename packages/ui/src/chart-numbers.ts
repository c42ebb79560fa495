/** Small helpers the charts share: dates on an axis, ratings to one decimal, averages. */

/** A local "YYYY-MM-DD" read as a calendar date (never shifted by the reader's time zone). */
function utcDateOf(localDate: string): Date | null {
  const [y, m, d] = localDate.split("-").map(Number);
  return y && m && d ? new Date(Date.UTC(y, m - 1, d)) : null;
}

/** "3 Mar" for an axis label. */
export function shortDate(localDate: string): string {
  const date = utcDateOf(localDate);
  return date
    ? new Intl.DateTimeFormat(undefined, {
        day: "numeric",
        month: "short",
        timeZone: "UTC",
      }).format(date)
    : localDate;
}

/** "3 Mar 2026" for a table cell. */
export function longDate(localDate: string): string {
  const date = utcDateOf(localDate);
  return date
    ? new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }).format(date)
    : localDate;
}

/** 7, 6.5: a rating or an average, to at most one decimal. */
export function formatRating(value: number): string {
  return (Math.round(value * 10) / 10).toLocaleString(undefined, { maximumFractionDigits: 1 });
}

/** The mean of the numbers given (nulls left out), rounded to one decimal; null when none. */
export function meanOf(values: ReadonlyArray<number | null | undefined>): number | null {
  const xs = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (xs.length === 0) return null;
  return Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
}

/** Split a label into lines of about `max` characters (axis pole words such as "as strong as it gets"). */
export function wrapWords(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= max)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Which of `count` evenly spaced labels to show so that at most `fit` appear (always the last). */
export function labelStep(count: number, fit: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, fit)));
}
