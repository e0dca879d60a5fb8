import { ok, type Problem, type Result } from '../result';
import { PROFILE_BACKUP_KEYS, SECRET_KEYS } from './keys';
import {
  parseProfilesDocument,
  serializeProfilesDocument,
  type ParsedDocument,
  type ProfilesDocument,
  type StoredProfile,
} from './profileDocument';
import type { ProfileProblem } from './problems';
import type { SecretCache } from './secretCache';

export interface LoadedDocument extends ParsedDocument {
  /** The stored text, as read: kept so an unreadable document can be backed up before it is replaced. */
  readonly raw: string | undefined;
}

export interface Mutation<T> {
  /** The document to save; omitted when nothing changed. */
  readonly next?: ProfilesDocument;
  readonly result: T;
}

/**
 * The profiles document in secret storage: read and parsed, changed under one queue so that
 * concurrent read-modify-writes in this window never lose an update, and backed up before an
 * unreadable version is replaced.
 */
export interface DocumentStore {
  load(): Promise<Result<LoadedDocument, ProfileProblem>>;
  /** Reads, applies `change`, and saves when the document changed; all under the queue. */
  mutate<T, P extends Problem>(change: (document: ProfilesDocument) => Result<Mutation<T>, P>): Promise<Result<T, P | ProfileProblem>>;
  /** Runs `work` in the same queue as `mutate` (for deletes that must not interleave with a write). */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /**
   * When the stored document cannot be read (wholly or partly), makes sure a copy of its text is
   * kept, and says under which key; undefined when the document reads cleanly.
   */
  keepUnreadable(): Promise<Result<string | undefined, ProfileProblem>>;
  /** The unreadable copies kept so far, oldest first. */
  unreadableCopies(): Promise<Result<{ readonly key: string; readonly text: string }[], ProfileProblem>>;
}

const isUnreadable = (loaded: LoadedDocument): loaded is LoadedDocument & { raw: string } =>
  (loaded.health === 'partly' || loaded.health === 'unreadable') && loaded.raw !== undefined;

export function createDocumentStore(secrets: SecretCache): DocumentStore {
  let queue: Promise<unknown> = Promise.resolve();

  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  async function load(): Promise<Result<LoadedDocument, ProfileProblem>> {
    const raw = await secrets.read(SECRET_KEYS.profiles);
    if (!raw.ok) return raw;
    return ok({ raw: raw.value, ...parseProfilesDocument(raw.value) });
  }

  async function copies(): Promise<Result<{ key: string; text: string | undefined }[], ProfileProblem>> {
    const read = await Promise.all(PROFILE_BACKUP_KEYS.map((key) => secrets.read(key)));
    const found: { key: string; text: string | undefined }[] = [];
    for (const [i, text] of read.entries()) {
      if (!text.ok) return text;
      found.push({ key: PROFILE_BACKUP_KEYS[i]!, text: text.value });
    }
    return ok(found);
  }

  /**
   * Keeps `raw` unless the same text is kept already: in the first free place, or when all are
   * taken in the last one, so the first copy of what went wrong is never overwritten.
   */
  async function keepCopy(raw: string): Promise<Result<string, ProfileProblem>> {
    const kept = await copies();
    if (!kept.ok) return kept;
    const same = kept.value.find((copy) => copy.text === raw);
    if (same) return ok(same.key);
    const key = kept.value.find((copy) => copy.text === undefined)?.key ?? PROFILE_BACKUP_KEYS[PROFILE_BACKUP_KEYS.length - 1]!;
    const written = await secrets.write(key, raw);
    return written.ok ? ok(key) : written;
  }

  async function save(loaded: LoadedDocument, next: ProfilesDocument): Promise<Result<void, ProfileProblem>> {
    if (isUnreadable(loaded)) {
      const kept = await keepCopy(loaded.raw);
      if (!kept.ok) return kept;
    }
    return secrets.write(SECRET_KEYS.profiles, serializeProfilesDocument(next));
  }

  return {
    load,
    exclusive,
    keepUnreadable: () => exclusive(async () => {
      const loaded = await load();
      if (!loaded.ok) return loaded;
      return isUnreadable(loaded.value) ? keepCopy(loaded.value.raw) : ok(undefined);
    }),
    async unreadableCopies() {
      const kept = await copies();
      if (!kept.ok) return kept;
      return ok(kept.value.flatMap(({ key, text }) => (text === undefined ? [] : [{ key, text }])));
    },
    mutate(change) {
      return exclusive(async () => {
        const loaded = await load();
        if (!loaded.ok) return loaded;
        const outcome = change(loaded.value.document);
        if (!outcome.ok) return outcome;
        const { next, result } = outcome.value;
        if (next !== undefined && serializeProfilesDocument(next) !== serializeProfilesDocument(loaded.value.document)) {
          const saved = await save(loaded.value, next);
          if (!saved.ok) return saved;
        }
        return ok(result);
      });
    },
  };
}

/** The profile with this id (ids are lower-case instance ids; the lookup forgives case and spaces). */
export function findProfile(document: ProfilesDocument, profileId: string): StoredProfile | undefined {
  const id = profileId.trim().toLowerCase();
  return document.profiles.find((p) => p.instanceId === id);
}

/** The document with `profile` in place of the one with its id, or appended. */
export function replaceProfile(document: ProfilesDocument, profile: StoredProfile): ProfilesDocument {
  const exists = document.profiles.some((p) => p.instanceId === profile.instanceId);
  return {
    ...document,
    profiles: exists ? document.profiles.map((p) => (p.instanceId === profile.instanceId ? profile : p)) : [...document.profiles, profile],
  };
}

export function activeOf(document: ProfilesDocument): StoredProfile | undefined {
  return document.activeProfileId === undefined ? undefined : findProfile(document, document.activeProfileId);
}
