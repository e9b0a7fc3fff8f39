/** Deepest nesting a request body may have; far beyond any route's schema, far below what recursion survives. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether JSON text nests objects/arrays deeper than `max`, found by one pass over the text
 * (brackets inside strings do not count), with no recursion, before it is parsed. A deeper body
 * would parse, then blow the stack wherever something walks it recursively (JSON.stringify,
 * schema validation, a mapper). Malformed text is left to JSON.parse to report.
 */
export function jsonDepthExceeds(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}
