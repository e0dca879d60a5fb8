// Entry of the lazily loaded `feature-store` bundle (tools/build.mjs): Copy Store Key, Write Store
// Key to .env and Remove Store, required on first use so activation stays small.
export { copyStoreKeyCommand } from './copyStoreKey';
export { writeStoreKeyToEnvCommand } from './writeEnvCommand';
export { removeStoreCommand, showStoreRemovedNotice } from './removeStoreCommand';
