export const GREP_ENV: string;
export interface Row { passed: number; failed: number; pending: number; notRun: number }
export interface Counts extends Partial<Row> { grep?: string; failures?: string[] }
export function mochaArgs(root: string, o: { timeout: number; slow?: number; grep?: string }): string[];
export function tally(o: { status: number; counts: Counts | undefined; leaks?: number; grepAsked?: string }): { row: Row; notes: string[] };
export function runLayer(cmd: string, args: string[], o?: { env?: NodeJS.ProcessEnv; grepAsked?: string; echo?: boolean }):
  Promise<{ row: Row; notes: string[]; seconds: number; output: string }>;
export function closingLine(rows: Partial<Row>[]): string;
