export * from './link';
export * from './state';
export * from './redirect';
export * from './page';
