import {
  type Db,
  type EmailPreferences,
  type FieldCipher,
  findEmailPreferencesOf,
  listEntryWordsOfClients,
  type OutboxRow,
} from "@tend/db";
import { z } from "zod";
import type { Logger } from "../logger.ts";

export type PrepareDeps = { db: Db; cipher: FieldCipher; log: Logger };

/** Send with this data, or do not send at all (and why: no personal data in the reason). */
export type Prepared = { kind: "send"; data: unknown } | { kind: "cancel"; reason: string };

/** The longest quote a summary shows; longer words are shortened with an ellipsis. */
const MAX_QUOTE = 300;

const reminderRef = z.object({ clientId: z.string().min(1), occurrenceAt: z.iso.datetime() });
const summaryRef = z.object({
  clientId: z.string().min(1),
  quoteEntryIds: z.array(z.uuid()).max(3).default([]),
});
const digestRef = z.object({ therapistId: z.string().min(1) });

/** A row's references (`data`), and the row's data as it is (`raw`: what is rendered). */
type Ref = { raw: unknown } & (
  | { kind: "reminder"; data: z.infer<typeof reminderRef> }
  | { kind: "summary"; data: z.infer<typeof summaryRef> }
  | { kind: "digest"; data: z.infer<typeof digestRef> }
  // Without a client to check against, nothing may be quoted.
  | { kind: "none"; quote: boolean }
);

/** Whom a row's send-time checks are about (a row written before these references: nobody). */
function refOf(row: OutboxRow): Ref {
  const raw = row.data;
  switch (row.template) {
    case "practice-reminder": {
      const ref = reminderRef.safeParse(raw);
      return ref.success
        ? { raw, kind: "reminder", data: ref.data }
        : { raw, kind: "none", quote: false };
    }
    case "weekly-summary": {
      const ref = summaryRef.safeParse(raw);
      return ref.success
        ? { raw, kind: "summary", data: ref.data }
        : { raw, kind: "none", quote: true };
    }
    case "therapist-digest": {
      const ref = digestRef.safeParse(raw);
      return ref.success
        ? { raw, kind: "digest", data: ref.data }
        : { raw, kind: "none", quote: false };
    }
    default:
      return { raw, kind: "none", quote: false };
  }
}

/**
 * Just before sending: check the person still wants this kind of email (they may have turned it
 * off while the row waited, e.g. for SMTP to come back), and fill in what the outbox must not
 * hold: the words a weekly summary quotes, decrypted from the client's own entries.
 * A row written before these references existed is sent as it is.
 */
export async function prepareEmailData(deps: PrepareDeps, row: OutboxRow): Promise<Prepared> {
  return (await prepareEmails(deps, [row]))[0]!;
}

/**
 * `prepareEmailData` for a batch of rows, with a fixed number of queries whatever its size: one
 * for everyone's preferences, one for the words the summaries quote. Results are in row order.
 */
export async function prepareEmails(deps: PrepareDeps, rows: OutboxRow[]): Promise<Prepared[]> {
  const refs = rows.map(refOf);
  const people = refs.flatMap((ref) =>
    ref.kind === "reminder" || ref.kind === "summary"
      ? [ref.data.clientId]
      : ref.kind === "digest"
        ? [ref.data.therapistId]
        : [],
  );
  const preferences = await findEmailPreferencesOf(deps.db, people);
  const wantsQuotes = (ref: Ref): ref is Extract<Ref, { kind: "summary" }> =>
    ref.kind === "summary" &&
    ref.data.quoteEntryIds.length > 0 &&
    preferences.get(ref.data.clientId)?.summaryEmails === true &&
    preferences.get(ref.data.clientId)?.quoteWords === true;
  const words = await listEntryWordsOfClients(
    deps.db,
    refs
      .filter(wantsQuotes)
      .map((ref) => ({ clientId: ref.data.clientId, entryIds: ref.data.quoteEntryIds })),
  );
  return refs.map((ref) => decide(deps, ref, preferences, words));
}

function decide(
  deps: PrepareDeps,
  ref: Ref,
  preferences: Map<string, EmailPreferences>,
  words: Map<string, Array<{ id: string; wordsCiphertext: string }>>,
): Prepared {
  switch (ref.kind) {
    case "reminder": {
      const prefs = preferences.get(ref.data.clientId);
      if (!prefs?.reminderEmails) return { kind: "cancel", reason: "reminder emails turned off" };
      const paused = prefs.remindersPausedUntil;
      if (paused && paused > new Date(ref.data.occurrenceAt))
        return { kind: "cancel", reason: "reminders paused" };
      return { kind: "send", data: ref.raw };
    }
    case "summary": {
      const prefs = preferences.get(ref.data.clientId);
      if (!prefs?.summaryEmails) return { kind: "cancel", reason: "weekly summaries turned off" };
      const quotes =
        prefs.quoteWords && ref.data.quoteEntryIds.length > 0
          ? kinderWords(deps, words.get(ref.data.clientId) ?? [], ref.data.quoteEntryIds)
          : [];
      return { kind: "send", data: { ...(ref.raw as object), quotes } };
    }
    case "digest": {
      const prefs = preferences.get(ref.data.therapistId);
      if (!prefs?.digestEmails) return { kind: "cancel", reason: "weekly digests turned off" };
      return { kind: "send", data: ref.raw };
    }
    default:
      return { kind: "send", data: ref.quote ? { ...(ref.raw as object), quotes: [] } : ref.raw };
  }
}

/**
 * The kinder version from each entry (never the harsh words, and no other free text: a text
 * answer may hold the harsh self-talk itself). Entries of another client were not loaded at all.
 * An entry that cannot be decrypted is left out and logged by id, never by content.
 */
function kinderWords(
  deps: PrepareDeps,
  entries: Array<{ id: string; wordsCiphertext: string }>,
  ids: string[],
): string[] {
  const quotes: string[] = [];
  for (const entry of entries) {
    if (!ids.includes(entry.id)) continue;
    let words: Record<string, unknown>;
    try {
      words = deps.cipher.decryptJson<Record<string, unknown>>(entry.wordsCiphertext, entry.id);
    } catch (err) {
      deps.log.warn(
        { entryId: entry.id, err: (err as Error).message },
        "could not decrypt an entry to quote; leaving it out",
      );
      continue;
    }
    const kinder = firstKinderVersion(words);
    if (kinder && !quotes.includes(kinder)) quotes.push(kinder);
  }
  return quotes;
}

function firstKinderVersion(words: Record<string, unknown>): string | undefined {
  for (const value of Object.values(words)) {
    if (value === null || typeof value !== "object" || !("kinder" in value)) continue;
    const kinder = (value as { kinder: unknown }).kinder;
    if (typeof kinder !== "string") continue;
    const text = kinder.replace(/\s+/g, " ").trim();
    if (!text) continue;
    return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1).trimEnd()}…` : text;
  }
  return undefined;
}
