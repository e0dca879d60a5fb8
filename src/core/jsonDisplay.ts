/**
 * JSON for people to read: a signed webhook may nest its claims thousands of levels deep (a
 * 64 KiB body holds 30,000 levels), and JSON.stringify recurses, so showing such a value throws
 * RangeError. Below `maxDepth` levels the value is replaced by a marker, and the caller says so.
 */
export const MAX_SHOWN_DEPTH = 64;

export interface CappedJson {
  readonly value: unknown;
  /** How many subtrees were replaced; 0 when the value is shown whole. */
  readonly cut: number;
}

export function capDepth(value: unknown, maxDepth = MAX_SHOWN_DEPTH): CappedJson {
  let cut = 0;
  // Recursion stops at maxDepth, so the stack stays shallow whatever the input.
  const cap = (node: unknown, depth: number): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (depth >= maxDepth) {
      cut++;
      return `… ${Array.isArray(node) ? 'an array' : 'an object'} nested deeper than ${maxDepth} levels, not shown`;
    }
    if (Array.isArray(node)) return node.map((item) => cap(item, depth + 1));
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, cap(item, depth + 1)]));
  };
  const capped = cap(value, 0);
  return { value: capped, cut };
}

/** The sentence a document shows when parts of it were cut. */
export function depthNote(capped: CappedJson, maxDepth = MAX_SHOWN_DEPTH): string | undefined {
  return capped.cut === 0
    ? undefined
    : `parts nested deeper than ${maxDepth} levels are not shown (${capped.cut} place${capped.cut === 1 ? '' : 's'}); the values above them are complete`;
}
