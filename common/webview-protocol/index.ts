export * from './ipc';
export * from './messages';
export * from './views';
export * from './awareness';
export * from './file-views';
export * from './diff-views';
