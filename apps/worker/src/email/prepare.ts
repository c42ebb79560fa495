import {
  type Db,
  type FieldCipher,
  findEmailPreferences,
  listEntryWordsOfClient,
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

/**
 * Just before sending: check the person still wants this kind of email (they may have turned it
 * off while the row waited, e.g. for SMTP to come back), and fill in what the outbox must not
 * hold: the words a weekly summary quotes, decrypted from the client's own entries.
 * A row written before these references existed is sent as it is.
 */
export async function prepareEmailData(deps: PrepareDeps, row: OutboxRow): Promise<Prepared> {
  const data = row.data;
  switch (row.template) {
    case "practice-reminder": {
      const ref = reminderRef.safeParse(data);
      if (!ref.success) return { kind: "send", data };
      const prefs = await findEmailPreferences(deps.db, ref.data.clientId);
      if (!prefs?.reminderEmails) return { kind: "cancel", reason: "reminder emails turned off" };
      const paused = prefs.remindersPausedUntil;
      if (paused && paused > new Date(ref.data.occurrenceAt))
        return { kind: "cancel", reason: "reminders paused" };
      return { kind: "send", data };
    }
    case "weekly-summary": {
      const ref = summaryRef.safeParse(data);
      // Without a client to check against, nothing may be quoted.
      if (!ref.success) return { kind: "send", data: { ...data, quotes: [] } };
      const prefs = await findEmailPreferences(deps.db, ref.data.clientId);
      if (!prefs?.summaryEmails) return { kind: "cancel", reason: "weekly summaries turned off" };
      const quotes =
        prefs.quoteWords && ref.data.quoteEntryIds.length > 0
          ? await kinderWords(deps, ref.data.clientId, ref.data.quoteEntryIds)
          : [];
      return { kind: "send", data: { ...data, quotes } };
    }
    case "therapist-digest": {
      const ref = digestRef.safeParse(data);
      if (!ref.success) return { kind: "send", data };
      const prefs = await findEmailPreferences(deps.db, ref.data.therapistId);
      if (!prefs?.digestEmails) return { kind: "cancel", reason: "weekly digests turned off" };
      return { kind: "send", data };
    }
    default:
      return { kind: "send", data };
  }
}

/**
 * The kinder version from each entry (never the harsh words, and no other free text: a text
 * answer may hold the harsh self-talk itself). Entries of another client are not loaded at all.
 * An entry that cannot be decrypted is left out and logged by id, never by content.
 */
async function kinderWords(deps: PrepareDeps, clientId: string, ids: string[]): Promise<string[]> {
  const entries = await listEntryWordsOfClient(deps.db, clientId, ids);
  const quotes: string[] = [];
  for (const entry of entries) {
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
