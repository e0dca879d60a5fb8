import type { HttpProblem } from '../http/problem';
import type { HttpMethod } from '../http/request';
import type { Result } from '../result';
import type { RawAnswer } from './answer';
import { requestUrl, type PlacedRequest } from './placement';

/** One HTTP exchange, as src/core/http's `requestRaw` performs it. */
export interface HttpCall {
  readonly operation: string;
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

export interface RunDeps {
  send(call: HttpCall): Promise<Result<RawAnswer, HttpProblem>>;
  /** Milliseconds, monotonic (performance.now). */
  now(): number;
}

export interface RunInput {
  readonly placed: PlacedRequest;
  readonly baseUrl: string;
  /** Secrets: they go into the two headers and nowhere else. */
  readonly apiKey: string;
  readonly storeKey: string;
  readonly signal?: AbortSignal;
}

export interface RunOutcome {
  readonly answer: RawAnswer;
  readonly ms: number;
}

/** Sends the placed request with `x-api-key` and, for store methods, `x-store-key`. */
export async function runPlacedRequest(deps: RunDeps, input: RunInput): Promise<Result<RunOutcome, HttpProblem>> {
  const { placed } = input;
  const started = deps.now();
  const sent = await deps.send({
    operation: placed.method,
    method: placed.httpMethod,
    url: requestUrl(input.baseUrl, placed),
    headers: { 'x-api-key': input.apiKey, ...(placed.storeScoped ? { 'x-store-key': input.storeKey } : {}) },
    ...(placed.body !== undefined ? { body: placed.body } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
  });
  return sent.ok ? { ok: true, value: { answer: sent.value, ms: deps.now() - started } } : sent;
}
