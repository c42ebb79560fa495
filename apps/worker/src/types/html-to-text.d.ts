// The part of html-to-text 10 the worker uses (the package ships no types).
declare module "html-to-text" {
  export type HtmlToTextOptions = Record<string, unknown>;
  /** Compile the options once; the returned function converts one HTML document. */
  export function compile(options?: HtmlToTextOptions): (html: string) => string;
}
