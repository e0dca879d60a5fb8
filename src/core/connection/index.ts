// Entry of the lazily loaded `core-connection` bundle (tools/build.mjs): everything the VS Code
// layer needs to talk to API2Cart and Wix.
export * from './addStore';
export * from './checkConnection';
export * from './findStore';
export * from './removeStore';
export * from './updateCredentials';
export * from '../api2cart/client';
export * from '../api2cart/returnCodes';
export * from '../api2cart/types';
export * from '../wix/client';
export * from '../wix/types';
export * from '../http/dispatcher';
export type { HttpProblem, HttpProblemKind } from '../http/problem';
export type { HttpMethod } from '../http/request';
export { requestRaw, type RawRequest, type RawResponse } from '../http/request';
