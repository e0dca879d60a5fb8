// Entry of the lazily loaded `core-requests` bundle (tools/build.mjs): request files, from the
// text in the editor to the answer document. The HTTP exchange itself is core-connection's.
export * from './catalogue';
export * from './requestFile';
export * from './didYouMean';
export * from './placement';
export * from './curl';
export * from './minimal';
export * from './answer';
export * from './history';
export * from './runner';
export * from './writeRun';
