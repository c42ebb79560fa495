/** A problem the person running `npm start` can fix; its message is the sentence to show them. */
export class StartError extends Error {
  override readonly name = "StartError";
}

/** Thrown into startup steps once shutdown has begun, so they stop quietly. */
export class ShuttingDown extends Error {
  override readonly name = "ShuttingDown";
}
