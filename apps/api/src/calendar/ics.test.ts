import { describe, expect, it } from "vitest";
import { escapeText, foldLine, renderCalendar, utcDateTime } from "./ics.ts";

describe("iCalendar text", () => {
  it("escapes backslash, semicolon, comma and newlines (RFC 5545 3.3.11)", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
  });

  it("writes UTC date-times", () => {
    expect(utcDateTime(new Date("2026-01-05T08:00:00.000Z"))).toBe("20260105T080000Z");
  });

  it("folds at 75 octets, never inside a UTF-8 character, and unfolds to the original", () => {
    const line = `SUMMARY:${"Practice: Zoë’s kinder moment ".repeat(6)}`;
    const folded = foldLine(line);
    const physical = folded.split("\r\n");
    expect(physical.length).toBeGreaterThan(2);
    for (const p of physical) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
    for (const p of physical.slice(1)) expect(p.startsWith(" ")).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(folded).not.toContain("\uFFFD");
    expect(foldLine("SHORT:line")).toBe("SHORT:line");
  });

  it("renders a calendar with CRLF lines and one VEVENT per event", () => {
    const text = renderCalendar({
      name: "Tend practice",
      stamp: new Date("2026-01-01T00:00:00Z"),
      refreshHours: 6,
      events: [
        {
          uid: "a-2026-01-05T08:00:00.000Z@tend",
          start: new Date("2026-01-05T08:00:00Z"),
          durationMinutes: 10,
          summary: "Practice: The loved-one test",
        },
      ],
    });
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.split("\r\n")).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Tend//Practice calendar//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:Tend practice",
      "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
      "X-PUBLISHED-TTL:PT6H",
      "BEGIN:VEVENT",
      "UID:a-2026-01-05T08:00:00.000Z@tend",
      "DTSTAMP:20260101T000000Z",
      "DTSTART:20260105T080000Z",
      "DURATION:PT10M",
      "SUMMARY:Practice: The loved-one test",
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ]);
  });
});
