export * from './primitives';
export * from './errors';
export * from './auth';
export * from './users';
export * from './groups';
export * from './messages';
export * from './events';
export * from './routes';
