// Shared checks for the hardening suite: every failure is a typed, secret-free Problem.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Problem, Result } from '../../../src/core/result';

/** A secret-looking value unique to this run; if it ever shows up in a message, something leaked. */
export function canary(label: string): string {
  return `${label}-canary-${randomBytes(12).toString('hex')}`;
}

/** The failure is a Problem with a kind and a message a person can read, and no secret in either. */
export function assertTypedProblem(problem: Problem, secrets: readonly string[] = []): void {
  assert.equal(typeof problem.kind, 'string');
  assert.ok(problem.kind.length > 0, 'empty problem kind');
  assert.equal(typeof problem.message, 'string');
  assert.ok(problem.message.trim().length > 0, `empty message for ${problem.kind}`);
  for (const secret of secrets) {
    assert.ok(!problem.message.includes(secret), `a secret leaked into the ${problem.kind} message: ${problem.message}`);
    assert.ok(!problem.kind.includes(secret), `a secret leaked into the problem kind: ${problem.kind}`);
  }
}

/** Either a success or a typed failure; returns the failure (or undefined on success). */
export function assertTypedOutcome<T>(result: Result<T, Problem>, secrets: readonly string[] = []): Problem | undefined {
  assert.equal(typeof result, 'object');
  assert.equal(typeof result.ok, 'boolean');
  if (result.ok) {
    return undefined;
  }
  assertTypedProblem(result.error, secrets);
  return result.error;
}
