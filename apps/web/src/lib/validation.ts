/** Client-side checks that save a round trip. The server checks everything again. */

export const PASSWORD_HINT =
  "At least 8 characters. A few unrelated words strung together work well.";

export function requiredProblem(value: string, message: string): string | undefined {
  return value.trim() === "" ? message : undefined;
}

export function emailProblem(email: string): string | undefined {
  const value = email.trim();
  if (value === "") return "Please enter an email address.";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
    return "Please check the email address; it should look like name@example.com.";
  return undefined;
}

export function newPasswordProblem(password: string): string | undefined {
  if (password === "") return "Please choose a password.";
  if (password.length < 8) return "Please use at least 8 characters.";
  if (password.length > 128) return "Please use at most 128 characters.";
  return undefined;
}

/** Drop the keys whose value is undefined: what is left are the fields with a problem. */
export function onlyProblems<K extends string>(
  checks: Record<K, string | undefined>,
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of Object.keys(checks) as K[]) {
    const message = checks[key];
    if (message) out[key] = message;
  }
  return out;
}

/** Field problems in form order, for the error summary (each links to its field). */
export function summaryOf<K extends string>(
  errors: Partial<Record<K, string>>,
  ids: Record<K, string>,
): Array<{ fieldId: string; message: string }> {
  return (Object.keys(ids) as K[]).flatMap((key) => {
    const message = errors[key];
    return message ? [{ fieldId: ids[key], message }] : [];
  });
}
