export interface BenchRow { name: string; value: string; baseline: string; ratio?: number; budget?: string; pass?: boolean }
export function formatBenchTable(rows: BenchRow[]): string;
export function failedBudgets(rows: BenchRow[]): BenchRow[];
export function benchExitCode(rows: BenchRow[]): 0 | 1;
