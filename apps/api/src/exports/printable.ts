/**
 * The PDF uses the standard Helvetica font, which can draw WinAnsi (Windows-1252) characters
 * only: Latin letters with their accents, curly quotes, dashes, the euro sign. Anything else
 * (emoji, other scripts) would come out as garbage glyphs, so each run of it is shown as a
 * single "·" instead. The JSON and CSV downloads keep every character.
 */
const CP1252_EXTRAS = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const LOOKALIKES: Record<string, string> = {
  "\t": " ",
  "\u2009": " ",
  "\u200a": " ",
  "\u202f": " ",
  "\u2212": "-",
  "\u2010": "-",
  "\u2011": "-",
  "\u2192": "->",
  "\u2190": "<-",
  "\u2194": "<->",
};
/** Zero-width joiners and variation selectors: part of the character before them. */
function invisible(c: number): boolean {
  return (c >= 0x200b && c <= 0x200d) || c === 0x2060 || (c >= 0xfe00 && c <= 0xfe0f);
}

function drawable(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return c === 10 || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || CP1252_EXTRAS.has(ch);
}

export function printable(text: string): string {
  let out = "";
  let gap = false;
  for (const raw of text) {
    if (invisible(raw.codePointAt(0)!)) continue;
    const ch = LOOKALIKES[raw] ?? raw;
    if (drawable(ch[0]!)) {
      out += ch;
      gap = false;
    } else if (!gap) {
      out += "·";
      gap = true;
    }
  }
  return out;
}

/** Every string inside `value` made printable (dates and numbers untouched). */
export function printableDeep<T>(value: T): T {
  if (typeof value === "string") return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableDeep) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printableDeep(v)])) as T;
  }
  return value;
}
