import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createCluster } from '../sim/cluster';
import { listen } from './http-server';
import { kubeconfigYaml } from './kubeconfig';
import { startTicker } from './ticker';

export interface BootOptions {
  port: number;
  kubeconfigPath: string;
  nodes?: number;
  seed?: number;
  /** Virtual seconds per wall second; 0 leaves the clock to `/simulator/v1/clock` alone. */
  speed?: number;
  adminToken?: string;
  onError?: (err: unknown) => void;
}

export type Cluster = ReturnType<typeof createCluster>;

export interface Booted {
  cluster: Cluster;
  port: number;
  /** https URL kubectl uses. */
  url: string;
  /** The same port over plain HTTP. */
  plainUrl: string;
  kubeconfigPath: string;
  adminToken: string;
  stop(): Promise<void>;
}

/** A cluster behind HTTP, with its kubeconfig written and its clock running: `npm run cluster` and the test harness both start here. */
export async function boot(opts: BootOptions): Promise<Booted> {
  const adminToken = opts.adminToken ?? randomBytes(24).toString('hex');
  const cluster = createCluster({ seed: opts.seed ?? 1, nodes: opts.nodes ?? 3, adminToken });
  const speed = opts.speed ?? 1;
  if (speed > 0) cluster.speed = speed;
  const server = await listen(cluster, opts.port);
  await writeFile(
    opts.kubeconfigPath,
    kubeconfigYaml({ server: server.url, token: adminToken, caPem: server.caPem }),
    { mode: 0o600 },
  );
  const stopTicker = speed > 0 ? startTicker(cluster, opts.onError) : () => {};
  return {
    cluster,
    port: server.port,
    url: server.url,
    plainUrl: server.plainUrl,
    kubeconfigPath: opts.kubeconfigPath,
    adminToken,
    async stop() {
      stopTicker();
      await server.close();
    },
  };
}
