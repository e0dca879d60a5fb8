import type { Problem } from '../result';

export type HttpProblemKind =
  | 'http-refused'
  | 'http-dns'
  | 'http-timeout'
  | 'http-cancelled'
  | 'http-tls'
  | 'http-proxy'
  | 'http-network'
  | 'http-status'
  | 'http-not-json'
  | 'http-too-large'
  /** The request could not even be built (a header value no HTTP header can carry): certainly not sent. */
  | 'http-not-sent';

export interface HttpProblem extends Problem<HttpProblemKind> {
  /**
   * False only when the request certainly never reached the server (DNS, refused, TLS, proxy).
   * Callers of non-idempotent requests must treat true as "it may have been processed".
   */
  readonly maybeDelivered: boolean;
  /** HTTP status, when an answer arrived. */
  readonly status?: number;
}
