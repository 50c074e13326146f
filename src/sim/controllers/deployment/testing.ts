import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import type { Cluster } from '../../cluster';

/**
 * Test helpers for the workload controllers: REST calls as kubectl makes them, and a fake kubelet
 * that acts only through the API (binding subresource, pods/status, final delete), for as long as
 * the cluster has no scheduler and kubelets of its own.
 */
export function rest(
  cluster: Cluster,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): { status: number; json: Record<string, unknown> } {
  const [p, q] = path.split('?');
  const res = cluster.handle({
    method,
    path: p,
    query: new URLSearchParams(q ?? ''),
    headers: {
      authorization: `Bearer ${cluster.adminToken}`,
      'content-type': contentType,
      accept: 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {} };
}

const NS = '/apis/apps/v1/namespaces/default';

export function applyDeployment(cluster: Cluster, d: Deployment): void {
  const r = rest(cluster, 'POST', `${NS}/deployments`, d);
  if (r.status !== 201) throw new Error(`create deployment: ${JSON.stringify(r.json)}`);
}

export function getDeployment(cluster: Cluster, name: string): Deployment {
  return rest(cluster, 'GET', `${NS}/deployments/${name}`).json as Deployment;
}

export function patchDeployment(cluster: Cluster, name: string, patch: unknown): Deployment {
  const r = rest(
    cluster,
    'PATCH',
    `${NS}/deployments/${name}`,
    patch,
    'application/strategic-merge-patch+json',
  );
  if (r.status !== 200) throw new Error(`patch deployment: ${JSON.stringify(r.json)}`);
  return r.json as Deployment;
}

export function listPods(cluster: Cluster): Pod[] {
  return (rest(cluster, 'GET', '/api/v1/namespaces/default/pods').json.items ?? []) as Pod[];
}

export function listReplicaSets(cluster: Cluster): ReplicaSet[] {
  return (rest(cluster, 'GET', `${NS}/replicasets`).json.items ?? []) as ReplicaSet[];
}

export function listEvents(cluster: Cluster): Event[] {
  return (rest(cluster, 'GET', '/api/v1/namespaces/default/events').json.items ?? []) as Event[];
}

export interface FakeKubeletOptions {
  /** Virtual ms from binding to Ready. */
  readyAfterMs?: number;
  /** Pods that must never become ready (a broken image, say). */
  neverReady?: (pod: Pod) => boolean;
}

/**
 * A stand-in for the kubelets (and the scheduler, where it has not bound a pod yet): binds each
 * new pod to a worker round-robin, reports it Running and Ready after a delay, and finishes
 * graceful deletions at once.
 */
export class FakeKubelet {
  private readonly boundAt = new Map<string, number>();
  private next = 0;

  constructor(
    private readonly cluster: Cluster,
    private readonly opts: FakeKubeletOptions = {},
  ) {
    // The real kubelets are stopped as an operator would (`systemctl stop kubelet`), so pod
    // readiness here is the test's alone. Harmless on a cluster that has no kubelets yet.
    for (const host of cluster.nodeNames)
      rest(cluster, 'POST', '/simulator/v1/exec', { host, command: 'systemctl stop kubelet' });
  }

  /** One pass over the pods; call it between clock advances. */
  tick(): void {
    const nodes = this.cluster.nodeNames.filter((n) => n !== 'control-plane');
    for (const pod of listPods(this.cluster)) {
      const name = pod.metadata!.name!;
      const base = `/api/v1/namespaces/default/pods/${name}`;
      if (pod.metadata?.deletionTimestamp) {
        rest(this.cluster, 'DELETE', `${base}?gracePeriodSeconds=0`);
        this.boundAt.delete(name);
        continue;
      }
      if (!pod.spec?.nodeName) {
        const node = nodes[this.next++ % nodes.length];
        rest(this.cluster, 'POST', `${base}/binding`, {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name },
          target: { apiVersion: 'v1', kind: 'Node', name: node },
        });
        this.boundAt.set(name, this.cluster.engine.now);
        continue;
      }
      const bound = this.boundAt.get(name) ?? this.cluster.engine.now;
      this.boundAt.set(name, bound);
      const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      if (ready || this.opts.neverReady?.(pod)) continue;
      if (this.cluster.engine.now - bound < (this.opts.readyAfterMs ?? 1000)) continue;
      const now = this.cluster.engine.timestamp();
      const status = {
        ...pod.status,
        phase: 'Running',
        conditions: [
          { type: 'Initialized', status: 'True', lastTransitionTime: now },
          { type: 'Ready', status: 'True', lastTransitionTime: now },
          { type: 'ContainersReady', status: 'True', lastTransitionTime: now },
          { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
        ],
      };
      const r = rest(this.cluster, 'PUT', `${base}/status`, {
        ...pod,
        apiVersion: 'v1',
        kind: 'Pod',
        status,
      });
      if (r.status !== 200) throw new Error(`pod status: ${JSON.stringify(r.json)}`);
    }
  }

  /** Advances the clock in steps, playing kubelet after each; `check` runs after every step. */
  run(ms: number, stepMs = 100, check?: () => void): void {
    for (let t = 0; t < ms; t += stepMs) {
      this.cluster.engine.advance(stepMs);
      this.tick();
      check?.();
    }
  }
}
