import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

// OWASP's argon2id settings: 19 MiB of memory, 2 iterations, 1 lane. (argon2id is the library's default.)
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword({
  hash: stored,
  password,
}: {
  hash: string;
  password: string;
}): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

const common = new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));

/** One of ~49,000 passwords that attackers try first. No composition rules beyond length. */
export function isCommonPassword(password: string): boolean {
  return common.has(password.toLowerCase());
}

/** A sentence for the person, or null when the password is fine. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Please use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `Please use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (isCommonPassword(password))
    return "That password is one of the most common ones, so it is easy to guess. Please choose another.";
  return null;
}
