import { KubectlError } from '../client';
import type { Command } from '../types';

/**
 * KubeSim runs no metrics-server, so `top` says what kubectl says on a cluster without one
 * rather than inventing numbers.
 */
const notAvailable = async (): Promise<never> => {
  throw new KubectlError('Metrics API not available');
};
const topFlags = [
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'all-namespaces', short: 'A', type: 'bool' as const },
  { name: 'no-headers', type: 'bool' as const },
  { name: 'sort-by', type: 'string' as const },
  { name: 'containers', type: 'bool' as const },
  { name: 'show-capacity', type: 'bool' as const },
  { name: 'sum', type: 'bool' as const },
];
export const topCommand: Command = {
  name: 'top',
  subcommands: [
    { name: 'node', aliases: ['nodes', 'no'], flags: topFlags, run: notAvailable },
    { name: 'pod', aliases: ['pods', 'po'], flags: topFlags, run: notAvailable },
  ],
  help: 'Display resource (CPU/memory) usage.\n',
};
