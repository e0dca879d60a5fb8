import type { StatusActionId } from '../core/status';

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
  connectWixStore: 'api2cartWix.connectWixStore',
  copyStoreKey: 'api2cartWix.copyStoreKey',
  writeStoreKeyToEnv: 'api2cartWix.writeStoreKeyToEnv',
  removeStore: 'api2cartWix.removeStore',
  newRequest: 'api2cartWix.newRequest',
  runRequest: 'api2cartWix.runRequest',
  verifyPermissions: 'api2cartWix.verifyPermissions',
  openInstallLink: 'api2cartWix.openInstallLink',
  refreshStores: 'api2cartWix.refreshStores',
  updateWixCredentials: 'api2cartWix.updateWixCredentials',
  // The sidebar's item commands: run from a tree item, hidden from the palette.
  selectStore: 'api2cartWix.views.selectStore',
  openDelivery: 'api2cartWix.views.openDelivery',
  useDeliveryInstanceId: 'api2cartWix.views.useDeliveryInstanceId',
  openRequestRun: 'api2cartWix.views.openRequestRun',
} as const;

export type CommandKey = keyof typeof CommandIds;
export type CommandId = (typeof CommandIds)[CommandKey];

/**
 * The command behind each action the status model (Show Actions) or a problem's fix names.
 * One map, so a fix button and the quick pick always run the same thing.
 */
export const actionCommands: Record<StatusActionId, { readonly command: string; readonly args?: readonly unknown[] }> = {
  setApiKey: { command: CommandIds.setApiKey },
  setAppCredentials: { command: CommandIds.setAppCredentials },
  setPublicKey: { command: CommandIds.setPublicKey },
  setInstanceId: { command: CommandIds.setInstanceId },
  planScopes: { command: CommandIds.planScopes },
  startReceiver: { command: CommandIds.startReceiver },
  stopReceiver: { command: CommandIds.stopReceiver },
  sendTestWebhook: { command: CommandIds.sendTestWebhook },
  decodeWebhook: { command: CommandIds.decodeWebhook },
  addStore: { command: CommandIds.addStore },
  checkConnection: { command: CommandIds.checkConnection },
  switchStore: { command: CommandIds.switchStore },
  forgetCredentials: { command: CommandIds.forgetCredentials },
  openSettings: { command: 'workbench.action.openSettings', args: ['api2cartWix'] },
  connectWixStore: { command: CommandIds.connectWixStore },
  copyStoreKey: { command: CommandIds.copyStoreKey },
  writeStoreKeyToEnv: { command: CommandIds.writeStoreKeyToEnv },
  newRequest: { command: CommandIds.newRequest },
  removeStore: { command: CommandIds.removeStore },
  openProxySettings: { command: 'workbench.action.openSettings', args: ['http.proxy'] },
  verifyPermissions: { command: CommandIds.verifyPermissions },
};
