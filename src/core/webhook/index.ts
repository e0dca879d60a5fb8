export * from './events';
export * from './publicKey';
export * from './decodeWebhook';
export * from './receiver';
export * from './testWebhook';
export * from './eventName';
