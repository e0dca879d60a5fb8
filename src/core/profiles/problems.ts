import type { Problem } from '../result';

export type ProfileProblemKind = 'secret-storage-unavailable' | 'profile-not-found' | 'profiles-unreadable';
export type ProfileProblem = Problem<ProfileProblemKind>;

/** The store's own error is never shown: its text is outside our control and might echo a value. */
export function secretStorageUnavailable(): ProfileProblem {
  return {
    kind: 'secret-storage-unavailable',
    message:
      'The OS keyring is unavailable, so credentials cannot be read or saved. The extension will not fall back to plain settings: ' +
      'start or install a keyring (for example GNOME Keyring or KWallet on Linux), then reload the window.',
  };
}

export function profileNotFound(): ProfileProblem {
  return {
    kind: 'profile-not-found',
    message: 'That store profile no longer exists; it may have been forgotten in another window. Pick a store again.',
    fix: 'setInstanceId',
  };
}

/** The saved document cannot be read; `keptAs` is the secret-storage key that holds a copy of its text. */
export function profilesUnreadable(health: 'partly' | 'unreadable', keptAs: string | undefined): ProfileProblem {
  const what = health === 'partly' ? 'Some saved store profiles could not be read and were left out' : 'The saved store profiles could not be read, so the list starts empty';
  const where = keptAs === undefined
    ? 'a copy is kept until you forget the store profiles'
    : `a copy of what was saved is kept in VS Code's secret storage under "${keptAs}" until you forget the store profiles`;
  return {
    kind: 'profiles-unreadable',
    message:
      `${what}; ${where}. Your credentials are untouched: ` +
      'set the Instance ID again and any saved store key is picked up.',
    fix: 'setInstanceId',
  };
}
