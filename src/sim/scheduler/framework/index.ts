export * from './types';
export * from './context';
export * from './labels';
export * from './resources';
export * from './node-info';
export * from './normalize';
export * from './fit-error';
export * from './profile';
