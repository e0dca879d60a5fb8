// Entry of the lazily loaded `feature-requests` bundle (tools/build.mjs): the request runner's
// VS Code side, required on the first New or Run so activation stays small.
export { RequestController } from './requestController';
export { parseRunArgs } from './runArgs';
export { newRequestCommand, methodItems } from './newRequest';
