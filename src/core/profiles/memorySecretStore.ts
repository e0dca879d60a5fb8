import type { Disposable, SecretStore } from './secretStore';

export type SecretStoreOperation = 'get' | 'store' | 'delete' | 'keys';

const ALL_OPERATIONS: readonly SecretStoreOperation[] = ['get', 'store', 'delete', 'keys'];

/**
 * An in-memory SecretStore for tests and for integration tests that must not touch the OS keyring.
 * Like VS Code it fires `onDidChange` for this store's own writes too, so two services sharing one
 * instance behave like two windows sharing one keyring.
 */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  private readonly listeners = new Set<(key: string) => void>();
  private failure: { error: Error; operations: ReadonlySet<SecretStoreOperation> } | undefined;
  private readonly calls = new Map<SecretStoreOperation, number>();

  constructor(initial: Readonly<Record<string, string>> = {}) {
    for (const [key, value] of Object.entries(initial)) this.values.set(key, value);
  }

  async get(key: string): Promise<string | undefined> {
    this.enter('get');
    return this.values.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    this.enter('store');
    this.values.set(key, value);
    this.emit(key);
  }

  async delete(key: string): Promise<void> {
    this.enter('delete');
    if (this.values.delete(key)) this.emit(key);
  }

  async keys(): Promise<string[]> {
    this.enter('keys');
    return [...this.values.keys()];
  }

  onDidChange(listener: (key: string) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Make the given operations (default: all) reject with `error`, as a missing keyring does. */
  simulateFailure(error: Error = new Error('No keyring available'), operations: readonly SecretStoreOperation[] = ALL_OPERATIONS): void {
    this.failure = { error, operations: new Set(operations) };
  }

  clearFailure(): void {
    this.failure = undefined;
  }

  /** How many times an operation was attempted (to observe caching). */
  callCount(operation: SecretStoreOperation): number {
    return this.calls.get(operation) ?? 0;
  }

  /** The stored values, for assertions; bypasses failure simulation and counters. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.values);
  }

  private enter(operation: SecretStoreOperation): void {
    this.calls.set(operation, this.callCount(operation) + 1);
    if (this.failure?.operations.has(operation)) throw this.failure.error;
  }

  private emit(key: string): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(key);
      } catch {
        // One faulty listener must not stop the others, as with VS Code's emitter.
      }
    }
  }
}
