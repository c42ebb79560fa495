/** The browser's own time zone, e.g. "Europe/Paris" (what a new client most likely lives in). */
export function detectTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

let cached: string[] | undefined;

/** Every IANA zone the browser knows, plus `include` (a saved zone may be an alias). */
export function timeZoneOptions(include: string[] = []): Array<{ value: string; label: string }> {
  cached ??= typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const zones = new Set([...cached, ...include.filter(Boolean)]);
  return [...zones].sort().map((zone) => ({ value: zone, label: zone.replace(/_/g, " ") }));
}

/** "14:05" in that zone right now, to help someone check they picked the right one. */
export function timeNowIn(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat(undefined, {
      hour: "numeric",
      minute: "2-digit",
      timeZone: zone,
    }).format(new Date());
  } catch {
    return null;
  }
}
