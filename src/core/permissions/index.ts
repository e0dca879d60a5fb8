// Entry of the lazily loaded `core-permissions` bundle (tools/build.mjs): the probes, the runner,
// the check and its report. The planner imports the small pure files (format, drift, snapshot)
// directly, so they stay in the activation bundle without pulling in the rest.
export * from './types';
export * from './probes';
export * from './classify';
export * from './runner';
export * from './mapping';
export * from './platformMethods';
export * from './verify';
export * from './format';
export * from './report';
export * from './drift';
export * from './snapshot';
export * from './notApproved';
