// How the bench measures on a busy machine: warm both sides up, then alternate subject and
// baseline (the order flips each round), and compare medians, so the other load weighs on both.

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface Paired { readonly subject: number[]; readonly baseline: number[] }

/** `warmup` unrecorded rounds, then `rounds` recorded ones; each side returns its own figure. */
export async function interleaved(rounds: number, warmup: number, subject: () => Promise<number>, baseline: () => Promise<number>): Promise<Paired> {
  for (let i = 0; i < warmup; i++) {
    await subject();
    await baseline();
  }
  const out: Paired = { subject: [], baseline: [] };
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      out.subject.push(await subject());
      out.baseline.push(await baseline());
    } else {
      out.baseline.push(await baseline());
      out.subject.push(await subject());
    }
  }
  return out;
}
