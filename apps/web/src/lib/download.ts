import { FriendlyError, OFFLINE, OUR_SIDE } from "./errors.ts";

/** The file name from `Content-Disposition: attachment; filename="…"`. */
function fileNameOf(res: Response, fallback: string): string {
  const header = res.headers.get("content-disposition") ?? "";
  return /filename="([^"]+)"/.exec(header)?.[1] ?? fallback;
}

/**
 * Download one of the person's files (an export, a calendar, a printable summary) with their
 * session cookie. Fetched first, so a problem (a period that does not work, too many in a row)
 * is a sentence on the page instead of a broken download.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: "same-origin" });
  } catch {
    throw new FriendlyError(OFFLINE);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
    const message =
      res.status === 401
        ? "For your safety you were signed out. Please sign in again, then try the download."
        : typeof body?.error === "string" && res.status < 500
          ? body.error
          : OUR_SIDE;
    throw new FriendlyError(message, {}, res.status);
  }
  const name = fileNameOf(res, fallbackName);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = name;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start saving before the object URL goes.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return name;
}
