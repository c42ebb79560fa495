/**
 * A small iCalendar (RFC 5545) writer for what Tend publishes: one VCALENDAR of timed
 * VEVENTs in UTC. Text values are escaped (§3.3.11) and content lines are folded at 75
 * octets without splitting a UTF-8 character (§3.1); lines end with CRLF.
 */

export type CalendarEvent = {
  /** Globally unique and stable across downloads, so calendars update instead of duplicating. */
  uid: string;
  start: Date;
  durationMinutes: number;
  summary: string;
  description?: string;
  url?: string;
};

export type Calendar = {
  name: string;
  description?: string;
  /** How often subscribers should refresh, in hours. */
  refreshHours?: number;
  events: CalendarEvent[];
  /** DTSTAMP of every event (when this copy was made). */
  stamp: Date;
};

/** TEXT value escaping: backslash, semicolon, comma, and newlines. */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are not allowed in TEXT
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
  );
}

/** "20260105T080000Z" */
export function utcDateTime(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** Fold a content line: at most 75 octets per physical line, continuation lines start with a space. */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Never cut inside a multi-byte character: back up to the start of one (not 10xxxxxx).
    while (end < bytes.length && end > start && (bytes[end]! & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString("utf8"));
    start = end;
    limit = 74; // the leading space of a continuation line counts
  }
  return parts.join("\r\n ");
}

export function renderCalendar(cal: Calendar): string {
  const lines: string[] = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Tend//Practice calendar//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(cal.name)}`,
  ];
  if (cal.description) lines.push(`X-WR-CALDESC:${escapeText(cal.description)}`);
  if (cal.refreshHours) {
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:PT${cal.refreshHours}H`);
    lines.push(`X-PUBLISHED-TTL:PT${cal.refreshHours}H`);
  }
  const stamp = utcDateTime(cal.stamp);
  for (const e of cal.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utcDateTime(e.start)}`,
      `DURATION:PT${Math.max(1, Math.round(e.durationMinutes))}M`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    // Practice is an invitation, not an appointment: it never blocks the client's time.
    lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
