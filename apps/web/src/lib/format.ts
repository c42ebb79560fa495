const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
});

function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** "12 Mar 2026" in the reader's own locale. */
export function formatDate(value: string | Date): string {
  return dateFormat.format(toDate(value));
}

/** "12 Mar 2026, 14:05" in the reader's own locale and time zone. */
export function formatDateTime(value: string | Date): string {
  return dateTimeFormat.format(toDate(value));
}
