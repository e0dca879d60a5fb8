/**
 * Reads the guide's table from the fixture copy of the guide, independently of src/core: the tests
 * compare this parse with the typed data written out in guideTable.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const GUIDE_FIXTURE = resolve(__dirname, '../../../../test/fixtures/wix-api2cart-guide.txt');

export interface ParsedRow {
  readonly method: string;
  /** Each requirement as its options; one option for a plain scope. */
  readonly requires: readonly (readonly string[])[];
}

export function parseGuideTable(text: string = readFileSync(GUIDE_FIXTURE, 'utf8')): ParsedRow[] {
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((line) => line.trim() === 'Method Scopes');
  if (header < 0) throw new Error('table header "Method Scopes" not found in the guide');
  return lines
    .slice(header + 1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const match = /^\s*(\S+)\s+(.*)$/.exec(line);
      if (!match) throw new Error(`unreadable table row: ${line}`);
      const seen = new Set<string>();
      const requires: string[][] = [];
      for (const part of match[2]!.split(',')) {
        const options = part.split(/\s+OR\s+/).map((option) => option.trim().replace(/\s+/g, ' '));
        const key = options.join(' OR ');
        if (!seen.has(key)) {
          seen.add(key);
          requires.push(options);
        }
      }
      return { method: match[1]!, requires };
    });
}
