import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { fail, ok, type Problem, type Result } from '../result';

export type PublicKeyProblemKind =
  | 'public-key-empty'
  | 'public-key-private'
  | 'public-key-not-rsa'
  | 'public-key-invalid';

export type PublicKeyProblem = Problem<PublicKeyProblemKind>;

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;
const BASE64_TEXT = /^[A-Za-z0-9+/=_-]+$/;

/**
 * Accepts the forms a person pastes the Wix webhook public key in: a PEM (SPKI or PKCS#1, or a
 * certificate), the same PEM with its newlines flattened to spaces by a one-line input box,
 * its newlines written as literal `\n` (as `.env` files store it), base64 of a PEM, or the bare
 * base64 body of an SPKI key. Returns it as normalised SPKI PEM.
 * Messages never echo the input: a pasted private key must not end up in a log or a toast.
 */
export function parsePublicKey(input: string): Result<{ pem: string }, PublicKeyProblem> {
  // A PEM kept in a .env file holds literal "\n" sequences; base64 never holds a backslash.
  const text = input.replace(/\\r\\n|\\n|\\r/g, '\n').trim();
  if (text === '') {
    return problem('public-key-empty', 'The public key is empty. Paste the key from the Wix app dashboard (Webhooks → Get Public Key).');
  }
  if (text.includes('-----BEGIN')) {
    return fromPem(text);
  }
  const compact = text.replace(/\s+/g, '');
  if (!BASE64_TEXT.test(compact)) {
    return notAKey();
  }
  const bytes = Buffer.from(compact, /[-_]/.test(compact) ? 'base64url' : 'base64');
  const decoded = bytes.toString('latin1');
  if (decoded.includes('-----BEGIN')) {
    return fromPem(decoded.trim());
  }
  return fromDer(bytes);
}

function fromPem(text: string): Result<{ pem: string }, PublicKeyProblem> {
  const block = PEM_BLOCK.exec(text);
  if (!block) {
    return notAKey();
  }
  const label = block[1];
  if (label.includes('PRIVATE KEY')) {
    return privateKeyPasted();
  }
  // Rebuilding the block repairs a PEM whose newlines became spaces in a one-line input box.
  const body = block[2].replace(/\s+/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  const pem = `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
  try {
    return asRsaSpki(createPublicKey(pem));
  } catch {
    return notAKey();
  }
}

function fromDer(der: Buffer): Result<{ pem: string }, PublicKeyProblem> {
  // Private first: createPublicKey would quietly derive a public key from private DER.
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      createPrivateKey({ key: der, format: 'der', type });
      return privateKeyPasted();
    } catch {
      // not a private key in this encoding
    }
  }
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      return asRsaSpki(createPublicKey({ key: der, format: 'der', type }));
    } catch {
      // try the next encoding
    }
  }
  return notAKey();
}

function asRsaSpki(key: KeyObject): Result<{ pem: string }, PublicKeyProblem> {
  if (key.asymmetricKeyType !== 'rsa') {
    const type = (key.asymmetricKeyType ?? 'unknown').toUpperCase();
    return problem('public-key-not-rsa', `That key is ${type}, not RSA; Wix signs webhooks with RS256, so the app's webhook public key is an RSA key.`);
  }
  return ok({ pem: key.export({ type: 'spki', format: 'pem' }).toString() });
}

function notAKey(): Result<never, PublicKeyProblem> {
  return problem('public-key-invalid', 'That is not a public key. Paste the PEM ("-----BEGIN PUBLIC KEY-----" …) or its base64 form from the Wix app dashboard (Webhooks → Get Public Key).');
}

function privateKeyPasted(): Result<never, PublicKeyProblem> {
  return problem('public-key-private', 'That is a private key; paste the public key (Webhooks → Get Public Key in the Wix app dashboard). Nothing was stored.');
}

function problem(kind: PublicKeyProblemKind, message: string): Result<never, PublicKeyProblem> {
  return fail({ kind, message, fix: 'setPublicKey' });
}
