/** True when an error means PostgreSQL cannot be reached right now (down, restarting, refusing). */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (
    let e: unknown = err, depth = 0;
    e && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") {
      if (
        ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"].includes(
          code,
        )
      )
        return true;
      // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 08xxx connection exceptions
      if (/^(57P0[123]|08\d{3})$/.test(code)) return true;
    }
    const message = (e as { message?: unknown }).message;
    if (
      typeof message === "string" &&
      /Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|encountered a connection error and is not queryable/i.test(
        message,
      )
    ) {
      return true;
    }
  }
  return false;
}
