export * from './app.exception';
export * from './error-code';
export * from './error-formatter';
export * from './app-exception.filter';
