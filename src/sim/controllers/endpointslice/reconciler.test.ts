import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { describe, expect, it } from 'vitest';
import { reconcile, type Slice } from './reconciler';

const svc: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', uid: 'svc-uid', labels: { team: 'a' } },
  spec: {
    clusterIP: '10.96.0.20',
    selector: { app: 'web' },
    ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }],
  },
};

function pod(
  i: number,
  opts: { ready?: boolean; terminating?: boolean; port?: number; node?: string } = {},
): Pod {
  return {
    metadata: {
      name: `web-${i}`,
      namespace: 'default',
      uid: `uid-${i}`,
      labels: { app: 'web' },
      ...(opts.terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec: {
      nodeName: opts.node ?? 'node-1',
      containers: [
        { name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: opts.port ?? 8080 }] },
      ],
    },
    status: {
      phase: 'Running',
      podIP: `10.244.1.${i + 10}`,
      podIPs: [{ ip: `10.244.1.${i + 10}` }],
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }],
    },
  };
}

const nodes: Record<string, Node> = {
  'node-1': { metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'zone-a' } } },
};
const nodeOf = (n: string) => nodes[n];

/** What the apiserver would store for a created slice. */
function stored(s: Slice, name: string): EndpointSlice {
  const copy = structuredClone(s) as Slice;
  copy.metadata = { ...copy.metadata, name, resourceVersion: '5' };
  return copy as EndpointSlice;
}

describe('endpointslice reconciler', () => {
  it('builds one slice with the controller labels, owner, named port and conditions', () => {
    const r = reconcile({ service: svc, pods: [pod(1), pod(2, { ready: false })], nodeOf, existing: [] });
    expect(r.create).toHaveLength(1);
    const s = r.create[0];
    expect(s.metadata?.generateName).toBe('web-');
    expect(s.metadata?.labels).toEqual({
      team: 'a',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(s.metadata?.ownerReferences).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        name: 'web',
        uid: 'svc-uid',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(s.addressType).toBe('IPv4');
    expect(s.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    expect(s.endpoints).toEqual([
      {
        addresses: ['10.244.1.11'],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'uid-1' },
        nodeName: 'node-1',
        zone: 'zone-a',
      },
      {
        addresses: ['10.244.1.12'],
        conditions: { ready: false, serving: false, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'default', name: 'web-2', uid: 'uid-2' },
        nodeName: 'node-1',
        zone: 'zone-a',
      },
    ]);
  });

  it('keeps a terminating pod as serving but not ready', () => {
    const r = reconcile({ service: svc, pods: [pod(1, { terminating: true })], nodeOf, existing: [] });
    expect(r.create[0].endpoints[0].conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('puts at most 100 endpoints in a slice', () => {
    const pods = Array.from({ length: 250 }, (_, i) => ({
      ...pod(i),
      status: {
        ...pod(i).status,
        podIP: `10.244.${Math.floor(i / 200) + 1}.${(i % 200) + 1}`,
        podIPs: undefined,
      },
    }));
    const r = reconcile({ service: svc, pods, nodeOf, existing: [] });
    expect(r.create.map((s) => s.endpoints.length)).toEqual([100, 100, 50]);
  });

  it('groups pods whose named port resolves differently into different slices', () => {
    const r = reconcile({ service: svc, pods: [pod(1), pod(2, { port: 9090 })], nodeOf, existing: [] });
    expect(r.create.map((s) => s.ports?.[0]?.port).sort()).toEqual([8080, 9090]);
  });

  it('creates a placeholder for a service without pods and leaves it alone after', () => {
    const r = reconcile({ service: svc, pods: [], nodeOf, existing: [] });
    expect(r.create).toHaveLength(1);
    expect(r.create[0].endpoints).toBeNull();
    expect(r.create[0].ports).toBeNull();
    const again = reconcile({ service: svc, pods: [], nodeOf, existing: [stored(r.create[0], 'web-abcde')] });
    expect(again).toEqual({ create: [], update: [], delete: [], skippedPods: [] });
  });

  it('fills the placeholder (an update of the same slice) when pods appear', () => {
    const placeholder = stored(
      reconcile({ service: svc, pods: [], nodeOf, existing: [] }).create[0],
      'web-abcde',
    );
    const r = reconcile({ service: svc, pods: [pod(1)], nodeOf, existing: [placeholder] });
    expect(r.create).toEqual([]);
    expect(r.delete).toEqual([]);
    expect(r.update).toHaveLength(1);
    expect(r.update[0].metadata?.name).toBe('web-abcde');
    expect(r.update[0].endpoints).toHaveLength(1);
  });

  it('updates only what changed: a pod turning unready, one leaving', () => {
    const first = stored(
      reconcile({ service: svc, pods: [pod(1), pod(2)], nodeOf, existing: [] }).create[0],
      'web-x',
    );
    const same = reconcile({ service: svc, pods: [pod(1), pod(2)], nodeOf, existing: [first] });
    expect(same.update).toEqual([]);
    const r = reconcile({ service: svc, pods: [pod(1, { ready: false })], nodeOf, existing: [first] });
    expect(r.update).toHaveLength(1);
    expect(r.update[0].endpoints.map((e) => [e.addresses[0], e.conditions?.ready])).toEqual([
      ['10.244.1.11', false],
    ]);
  });

  it('skips pods whose node is unknown (and asks for a retry)', () => {
    const r = reconcile({ service: svc, pods: [pod(1, { node: 'gone' })], nodeOf, existing: [] });
    expect(r.skippedPods).toEqual(['web-1']);
  });

  it('labels the slices of a headless service', () => {
    const headless: Service = { ...svc, spec: { ...svc.spec, clusterIP: 'None' } };
    const r = reconcile({ service: headless, pods: [pod(1)], nodeOf, existing: [] });
    expect(r.create[0].metadata?.labels?.['service.kubernetes.io/headless']).toBe('');
  });
});
