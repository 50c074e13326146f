export * from './chains';
export * from './model';
export * from './rules';
export * from './save';
export * from './packet-walk';
export * from './recent';
export * from './conntrack';
export type { ServicePortInfo } from './service-ports';
export type { EndpointInfo } from './endpoints';
