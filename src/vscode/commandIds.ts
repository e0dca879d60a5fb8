/** Every command the extension contributes; package.json's `contributes.commands` must match (a unit test checks). */
export const CommandIds = {
  setApiKey: 'api2cartWix.setApiKey',
  setAppCredentials: 'api2cartWix.setAppCredentials',
  setPublicKey: 'api2cartWix.setPublicKey',
  setInstanceId: 'api2cartWix.setInstanceId',
  forgetCredentials: 'api2cartWix.forgetCredentials',
  planScopes: 'api2cartWix.planScopes',
  decodeWebhook: 'api2cartWix.decodeWebhook',
  startReceiver: 'api2cartWix.startReceiver',
  stopReceiver: 'api2cartWix.stopReceiver',
  sendTestWebhook: 'api2cartWix.sendTestWebhook',
  addStore: 'api2cartWix.addStore',
  checkConnection: 'api2cartWix.checkConnection',
  switchStore: 'api2cartWix.switchStore',
  showActions: 'api2cartWix.showActions',
} as const;

export type CommandKey = keyof typeof CommandIds;
export type CommandId = (typeof CommandIds)[CommandKey];
