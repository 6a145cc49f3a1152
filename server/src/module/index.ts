export * from './semver';
export * from './gover';
export * from './path';
