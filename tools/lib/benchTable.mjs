// The bench's table and verdict (tools/bench.mjs): a row with a budget that failed is ✘, and any
// ✘ fails `npm run bench`. A budget that cannot hold is retired in docs/PERFORMANCE.md instead.

/** The markdown table of the rows. */
export function formatBenchTable(rows) {
  const w = [Math.max(...rows.map(r => r.name.length)), Math.max(...rows.map(r => r.value.length)), Math.max(...rows.map(r => r.baseline.length))];
  const lines = [`| ${'measure'.padEnd(w[0])} | ${'value'.padEnd(w[1])} | ${'baseline (same run)'.padEnd(w[2])} | ratio | budget |`,
    `|${'-'.repeat(w[0] + 2)}|${'-'.repeat(w[1] + 2)}|${'-'.repeat(w[2] + 2)}|-------|--------|`];
  for (const r of rows) {
    const ratio = r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`;
    const budget = r.budget ? `${r.budget}${r.pass === undefined ? '' : r.pass ? ' ✔' : ' ✘'}` : '';
    lines.push(`| ${r.name.padEnd(w[0])} | ${r.value.padEnd(w[1])} | ${r.baseline.padEnd(w[2])} | ${ratio.padStart(5)} | ${budget} |`);
  }
  return lines.join('\n');
}

/** The rows whose budget failed (each a ✘ in the table). */
export function failedBudgets(rows) {
  return rows.filter(r => r.pass === false);
}

/** The bench's exit status: 1 when any row is ✘. */
export function benchExitCode(rows) {
  return failedBudgets(rows).length > 0 ? 1 : 0;
}
