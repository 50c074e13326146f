import type { Pod, Service } from 'kubernetes-types/core/v1';
import { rest } from '../apiserver/testing';
import type { Cluster } from '../cluster';

/** Small helpers for network tests: apply objects through REST and read them back. */

export function mustCreate(cluster: Cluster, path: string, body: unknown): Record<string, unknown> {
  const r = rest(cluster, 'POST', path, body);
  if (r.status >= 300) throw new Error(`POST ${path}: ${r.status} ${r.body}`);
  return r.json();
}

export function nginxDeployment(
  name: string,
  replicas: number,
  podSpec: Record<string, unknown> = {},
): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] }],
          ...podSpec,
        },
      },
    },
  };
}

export function deploy(
  cluster: Cluster,
  name: string,
  replicas: number,
  podSpec: Record<string, unknown> = {},
): void {
  mustCreate(
    cluster,
    '/apis/apps/v1/namespaces/default/deployments',
    nginxDeployment(name, replicas, podSpec),
  );
}

export function scale(cluster: Cluster, name: string, replicas: number): void {
  const r = rest(
    cluster,
    'PATCH',
    `/apis/apps/v1/namespaces/default/deployments/${name}/scale`,
    { spec: { replicas } },
    {
      'content-type': 'application/merge-patch+json',
    },
  );
  if (r.status >= 300) throw new Error(`scale: ${r.status} ${r.body}`);
}

export function expose(cluster: Cluster, name: string, spec: Record<string, unknown> = {}): Service {
  return mustCreate(cluster, '/api/v1/namespaces/default/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 'http' }], ...spec },
  }) as Service;
}

export function clientPod(cluster: Cluster, name = 'client'): void {
  mustCreate(cluster, '/api/v1/namespaces/default/pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'sh', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
  });
}

export function pods(cluster: Cluster, app?: string): Pod[] {
  const items = rest(
    cluster,
    'GET',
    `/api/v1/namespaces/default/pods${app ? `?labelSelector=app%3D${app}` : ''}`,
  ).json().items as Pod[];
  return items;
}

export function readyPods(cluster: Cluster, app: string): Pod[] {
  return pods(cluster, app).filter((p) =>
    p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  );
}

/** The KUBE-SEP DNAT targets of a service in a node's nat table. */
export function dnatTargets(cluster: Cluster, node: string, service: string): string[] {
  const out = cluster.shell.run(node, 'iptables-save -t nat').stdout;
  return out
    .split('\n')
    .filter(
      (l) => l.includes(`--comment "default/${service}"`) || l.includes(`--comment default/${service} `),
    )
    .map((l) => /--to-destination (\S+)/.exec(l)?.[1])
    .filter((x): x is string => x !== undefined)
    .sort();
}

export const WORKERS = ['node-1', 'node-2', 'node-3'];
export const ALL_NODES = ['control-plane', ...WORKERS];
