// For `npm run bench` only: the extension plus every lazily loaded core part in one module,
// to show what activation would load without the split (tools/build.mjs).
export * from '../../src/extension';
export * as webhook from '../../src/core/webhook';
export * as connection from '../../src/core/connection';
export * as requests from '../../src/core/requests';
