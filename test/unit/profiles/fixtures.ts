// Shared by the profile tests: fresh canary secrets per run, so a leak is unmistakable.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { MemorySecretStore } from '../../../src/core/profiles/memorySecretStore';
import { createProfileService } from '../../../src/core/profiles/profileService';
import type { ProfileService } from '../../../src/core/profiles/profileTypes';

export interface Canaries {
  readonly apiKey: string;
  readonly appId: string;
  readonly appSecret: string;
  readonly storeKey: string;
}

export function makeCanaries(): Canaries {
  return {
    apiKey: `CANARYAPIKEY${randomBytes(10).toString('hex')}`,
    appId: randomUUID(),
    appSecret: `CANARYSECRET${randomBytes(10).toString('hex')}`,
    storeKey: `CANARYSTORE${randomBytes(10).toString('hex')}`,
  };
}

let cachedPem: string | undefined;
/** One RSA key per test run: generating it takes tens of milliseconds. */
export function publicKeyPem(): string {
  cachedPem ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return cachedPem;
}

export function newService(initial: Record<string, string> = {}): { store: MemorySecretStore; service: ProfileService } {
  const store = new MemorySecretStore(initial);
  return { store, service: createProfileService(store) };
}

export const INSTANCE_A = '9f8e7d6c-aaaa-4bbb-8ccc-dddd00001111';
export const INSTANCE_B = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';

/** Unwraps a Result in a test, failing with the Problem's message. */
export function valueOf<T>(result: { ok: true; value: T } | { ok: false; error: { kind: string; message: string } }): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

export function errorOf(result: { ok: true } | { ok: false; error: { kind: string; message: string } }): { kind: string; message: string } {
  if (result.ok) throw new Error('expected a failure, got ok');
  return result.error;
}
