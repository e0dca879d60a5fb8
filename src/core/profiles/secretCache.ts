import type { Redactor } from '../redaction';
import { fail, ok, type Result } from '../result';
import { describeKey, KEY_PREFIX, SECRET_KEYS, type StoredChange } from './keys';
import { secretStorageUnavailable, type ProfileProblem } from './problems';
import type { Disposable, SecretStore } from './secretStore';

type StoreResult<T> = Promise<Result<T, ProfileProblem>>;

/**
 * The extension's secrets over a SecretStore: reads cached until a change event (ours or another
 * window's) drops them, every failure turned into one Problem, and the redactor kept in step with
 * the current value of each secret.
 */
export interface SecretCache {
  read(key: string): StoreResult<string | undefined>;
  write(key: string, value: string): StoreResult<void>;
  remove(key: string): StoreResult<void>;
  /** Deletes in order and stops at the first failure. */
  removeAll(keys: Iterable<string>): StoreResult<void>;
  /** Whether each fixed item is stored, in the order asked. */
  readPresence(kinds: readonly (keyof typeof SECRET_KEYS)[]): StoreResult<boolean[]>;
  /** Every key of ours the store can list; empty when the store cannot list keys. */
  listOurKeys(): StoreResult<string[]>;
  onDidChange(listener: (change: StoredChange) => void): Disposable;
  dispose(): void;
}

/** Items whose values are secret: the redactor masks them wherever text is shown. */
const SECRET_ITEMS: ReadonlySet<StoredChange['item']> = new Set(['apiKey', 'appSecret', 'storeKey']);

export function createSecretCache(store: SecretStore, redactor?: Redactor): SecretCache {
  // Raw values by key. Entries are dropped on every change event, ours or another window's.
  const cache = new Map<string, Promise<string | undefined>>();
  const listeners = new Set<(change: StoredChange) => void>();

  const subscription = store.onDidChange((key) => {
    const change = describeKey(key);
    if (change === undefined) return;
    cache.delete(key);
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch {
        // A failing listener must not keep the others from hearing about the change.
      }
    }
  });

  /** Keeps the redactor in step with the current value of each secret (a source per key). */
  function rememberSecret(key: string, value: string | undefined): void {
    const item = describeKey(key)?.item;
    if (item !== undefined && SECRET_ITEMS.has(item)) redactor?.setSecrets(key, [value]);
  }

  async function attempt<T>(operation: () => Promise<T>): Promise<Result<T, ProfileProblem>> {
    try {
      return ok(await operation());
    } catch {
      return fail(secretStorageUnavailable());
    }
  }

  function read(key: string): StoreResult<string | undefined> {
    let pending = cache.get(key);
    if (pending === undefined) {
      // The executor turns a synchronous throw from the store into a rejection.
      const fetched = new Promise<string | undefined>((resolve) => resolve(store.get(key)));
      cache.set(key, fetched);
      fetched.then(
        (value) => {
          // A read overtaken by a write must not hand the redactor the old value.
          if (cache.get(key) === fetched) rememberSecret(key, value);
        },
        () => {
          // Never cache a failure: the keyring may come back.
          if (cache.get(key) === fetched) cache.delete(key);
        },
      );
      pending = fetched;
    }
    const settled = pending;
    return attempt(() => settled);
  }

  async function write(key: string, value: string): StoreResult<void> {
    rememberSecret(key, value);
    cache.delete(key);
    const written = await attempt(async () => store.store(key, value));
    if (written.ok) cache.set(key, Promise.resolve(value));
    return written;
  }

  async function remove(key: string): StoreResult<void> {
    cache.delete(key);
    const removed = await attempt(async () => store.delete(key));
    if (removed.ok) {
      cache.set(key, Promise.resolve(undefined));
      rememberSecret(key, undefined);
    }
    return removed;
  }

  return {
    read,
    write,
    remove,

    async removeAll(keys) {
      for (const key of new Set(keys)) {
        const removed = await remove(key);
        if (!removed.ok) return removed;
      }
      return ok(undefined);
    },

    async readPresence(kinds) {
      const values = await Promise.all(kinds.map((kind) => read(SECRET_KEYS[kind])));
      const presence: boolean[] = [];
      for (const value of values) {
        if (!value.ok) return value;
        presence.push(value.value !== undefined);
      }
      return ok(presence);
    },

    async listOurKeys() {
      const keys = store.keys;
      if (keys === undefined) return ok([]);
      const listed = await attempt(() => keys.call(store));
      return listed.ok ? ok(listed.value.filter((key) => key.startsWith(KEY_PREFIX))) : listed;
    },

    onDidChange(listener) {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    },

    dispose() {
      subscription.dispose();
      listeners.clear();
    },
  };
}
