import type { Node } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object';
import { RESOURCES, lookupResource, type ResourceInfo } from '../resources';
import * as d from './descriptions';
import { formatEndpoints } from './endpoints';
import { formatLabelSelector, labelSelectorString } from './format';
import { printTable, printerFor } from './index';
import { findNodeRoles } from './node';
import { makePortString } from './service';

const NOW = Date.parse('2025-01-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');
const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'default',
  creationTimestamp: ago(3600),
  ...extra,
});

function res(group: string, resource: string, version = 'v1'): ResourceInfo {
  const info = lookupResource(group, version, resource);
  if (!info) throw new Error(`no resource ${group}/${resource}`);
  return info;
}

function cellsOf(info: ResourceInfo, obj: KubeObject): unknown[] {
  return printTable(info, [obj], { nowMs: NOW, includeObject: 'None' }).rows[0].cells;
}

describe('nodes', () => {
  const node = (
    conditions: { type: string; status: string }[],
    extra: { unschedulable?: boolean; labels?: Record<string, string> } = {},
  ) => ({
    kind: 'Node',
    metadata: { name: 'node-1', creationTimestamp: ago(86400 * 3), labels: extra.labels ?? {} },
    spec: { unschedulable: extra.unschedulable },
    status: {
      conditions,
      addresses: [
        { type: 'InternalIP', address: '192.168.1.11' },
        { type: 'Hostname', address: 'node-1' },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.32.0',
        osImage: 'Ubuntu 24.04 LTS',
        kernelVersion: '6.8.0',
        containerRuntimeVersion: 'containerd://1.7.24',
        architecture: 'amd64',
        bootID: '',
        machineID: '',
        systemUUID: '',
        kubeProxyVersion: '',
        operatingSystem: 'linux',
      },
    },
  });
  it.each([
    [[{ type: 'Ready', status: 'True' }], {}, 'Ready'],
    [[{ type: 'Ready', status: 'False' }], {}, 'NotReady'],
    [[{ type: 'Ready', status: 'Unknown' }], {}, 'NotReady'],
    [[{ type: 'MemoryPressure', status: 'False' }], {}, 'Unknown'],
    [[], { unschedulable: true }, 'Unknown,SchedulingDisabled'],
    [[{ type: 'Ready', status: 'True' }], { unschedulable: true }, 'Ready,SchedulingDisabled'],
    [[{ type: 'Ready', status: 'Unknown' }], { unschedulable: true }, 'NotReady,SchedulingDisabled'],
  ])('STATUS of %j %j is %s', (conds, extra, want) => {
    expect(cellsOf(res('', 'nodes'), node(conds, extra))[1]).toBe(want);
  });
  it('derives ROLES from labels', () => {
    const n = node([], {
      labels: {
        'node-role.kubernetes.io/control-plane': '',
        'kubernetes.io/role': 'master',
        'node-role.kubernetes.io/': 'x',
        'kubernetes.io/hostname': 'n',
      },
    });
    expect(findNodeRoles(n as Node)).toEqual(['control-plane', 'master']);
    expect(cellsOf(res('', 'nodes'), n)[2]).toBe('control-plane,master');
    expect(cellsOf(res('', 'nodes'), node([]))[2]).toBe('<none>');
  });
  it('prints every cell, wide included', () => {
    expect(cellsOf(res('', 'nodes'), node([{ type: 'Ready', status: 'True' }]))).toEqual([
      'node-1',
      'Ready',
      '<none>',
      '3d',
      'v1.32.0',
      '192.168.1.11',
      '<none>',
      'Ubuntu 24.04 LTS',
      '6.8.0',
      'containerd://1.7.24',
    ]);
  });
  it('prints <unknown> for missing node info', () => {
    const n = { metadata: { name: 'n', creationTimestamp: ago(10) }, status: {} };
    expect(cellsOf(res('', 'nodes'), n)).toEqual([
      'n',
      'Unknown',
      '<none>',
      '10s',
      '',
      '<none>',
      '<none>',
      '<unknown>',
      '<unknown>',
      '<unknown>',
    ]);
  });
});

describe('services', () => {
  it('formats PORT(S)', () => {
    expect(makePortString([{ port: 80, protocol: 'TCP' }])).toBe('80/TCP');
    expect(makePortString([{ port: 80, nodePort: 30080, protocol: 'TCP' }])).toBe('80:30080/TCP');
    expect(
      makePortString([
        { port: 53, protocol: 'UDP', name: 'dns' },
        { port: 53, protocol: 'TCP', name: 'dns-tcp' },
        { port: 9153, protocol: 'TCP', name: 'metrics' },
      ]),
    ).toBe('53/UDP,53/TCP,9153/TCP');
    expect(makePortString([])).toBe('');
  });
  const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) => ({
    kind: 'Service',
    metadata: meta('web'),
    spec,
    status,
  });
  it('prints a ClusterIP service', () => {
    const s = svc({
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ports: [{ port: 80, protocol: 'TCP' }],
      selector: { app: 'web', tier: 'fe' },
    });
    expect(cellsOf(res('', 'services'), s)).toEqual([
      'web',
      'ClusterIP',
      '10.96.0.10',
      '<none>',
      '80/TCP',
      '60m',
      'app=web,tier=fe',
    ]);
  });
  it('prints None for a headless service and <none> for no ports or selector', () => {
    const s = svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] });
    expect(cellsOf(res('', 'services'), s)).toEqual([
      'web',
      'ClusterIP',
      'None',
      '<none>',
      '<none>',
      '60m',
      '<none>',
    ]);
  });
  it('prints a NodePort service', () => {
    const s = svc({
      type: 'NodePort',
      clusterIPs: ['10.96.12.34'],
      externalIPs: ['1.2.3.4'],
      ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
    });
    expect(cellsOf(res('', 'services'), s).slice(1, 5)).toEqual([
      'NodePort',
      '10.96.12.34',
      '1.2.3.4',
      '80:30080/TCP',
    ]);
  });
  it('prints <pending> for a LoadBalancer without ingress, and the ingress when there is one', () => {
    const spec = {
      type: 'LoadBalancer',
      clusterIPs: ['10.96.1.1'],
      ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }],
    };
    expect(cellsOf(res('', 'services'), svc(spec))[3]).toBe('<pending>');
    const withLb = svc(spec, {
      loadBalancer: {
        ingress: [{ ip: '203.0.113.9' }, { hostname: 'lb.example.com' }, { ip: '203.0.113.1' }],
      },
    });
    expect(cellsOf(res('', 'services'), withLb)[3]).toBe('203.0.113.1,203.0.113.9,lb.example.com');
    const both = svc(
      { ...spec, externalIPs: ['5.6.7.8'] },
      { loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } },
    );
    expect(cellsOf(res('', 'services'), both)[3]).toBe('203.0.113.9,5.6.7.8');
  });
  it('prints an ExternalName service', () => {
    const s = svc({ type: 'ExternalName', externalName: 'db.example.com' });
    expect(cellsOf(res('', 'services'), s).slice(1, 5)).toEqual([
      'ExternalName',
      '<none>',
      'db.example.com',
      '<none>',
    ]);
  });
});

describe('endpoints', () => {
  const ep = (subsets: unknown) => ({ kind: 'Endpoints', metadata: meta('web'), subsets }) as KubeObject;
  it('prints <none> without subsets', () => {
    expect(cellsOf(res('', 'endpoints'), ep(undefined))).toEqual(['web', '<none>', '60m']);
  });
  it('lists up to 3 ip:port pairs, then + N more...', () => {
    const addrs = (...ips: string[]) => ips.map((ip) => ({ ip }));
    expect(
      formatEndpoints({ subsets: [{ addresses: addrs('10.244.1.5', '10.244.2.3'), ports: [{ port: 80 }] }] }),
    ).toBe('10.244.1.5:80,10.244.2.3:80');
    expect(
      formatEndpoints({
        subsets: [{ addresses: addrs('10.244.1.5', '10.244.2.3', '10.244.3.4'), ports: [{ port: 80 }] }],
      }),
    ).toBe('10.244.1.5:80,10.244.2.3:80,10.244.3.4:80');
    expect(
      formatEndpoints({
        subsets: [
          { addresses: addrs('10.244.1.5', '10.244.2.3', '10.244.3.4', '10.244.1.6'), ports: [{ port: 80 }] },
        ],
      }),
    ).toBe('10.244.1.5:80,10.244.2.3:80,10.244.3.4:80 + 1 more...');
    // Each port multiplies the addresses; the count covers every pair, listed or not.
    expect(
      formatEndpoints({
        subsets: [{ addresses: addrs('10.0.0.1', '10.0.0.2'), ports: [{ port: 80 }, { port: 443 }] }],
      }),
    ).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...');
    expect(
      formatEndpoints({
        subsets: [
          { addresses: addrs('10.0.0.1', '10.0.0.2'), ports: [{ port: 80 }] },
          { addresses: addrs('10.0.1.1', '10.0.1.2', '10.0.1.3'), ports: [{ port: 8080 }] },
        ],
      }),
    ).toBe('10.0.0.1:80,10.0.0.2:80,10.0.1.1:8080 + 2 more...');
  });
  it('lists bare IPs for port-less subsets and brackets IPv6', () => {
    expect(formatEndpoints({ subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }] }] })).toBe(
      '10.0.0.1,10.0.0.2',
    );
    expect(formatEndpoints({ subsets: [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }] })).toBe(
      '[fd00::1]:80',
    );
    expect(
      formatEndpoints({ subsets: [{ notReadyAddresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] }),
    ).toBe('');
  });
});

describe('endpointslices', () => {
  it('prints ports and endpoints with the 3-item rule, <unset> when empty', () => {
    const es = {
      kind: 'EndpointSlice',
      metadata: meta('web-abc12'),
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
      endpoints: ['10.244.1.5', '10.244.2.3', '10.244.3.4', '10.244.1.6'].map((a) => ({ addresses: [a] })),
    };
    expect(cellsOf(res('discovery.k8s.io', 'endpointslices'), es)).toEqual([
      'web-abc12',
      'IPv4',
      '80',
      '10.244.1.5,10.244.2.3,10.244.3.4 + 1 more...',
      '60m',
    ]);
    const empty = {
      kind: 'EndpointSlice',
      metadata: meta('web-x'),
      addressType: 'IPv4',
      ports: [{ name: 'all' }, {}],
      endpoints: [],
    };
    expect(cellsOf(res('discovery.k8s.io', 'endpointslices'), empty)).toEqual([
      'web-x',
      'IPv4',
      'all,*',
      '<unset>',
      '60m',
    ]);
  });
});

describe('workloads', () => {
  const template = {
    metadata: { labels: { app: 'web' } },
    spec: {
      containers: [
        { name: 'nginx', image: 'nginx:1.27' },
        { name: 'side', image: 'busybox' },
      ],
    },
  };
  it('prints a deployment', () => {
    const dep = {
      kind: 'Deployment',
      metadata: meta('web', { creationTimestamp: ago(125) }),
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
      status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    expect(cellsOf(res('apps', 'deployments'), dep)).toEqual([
      'web',
      '2/3',
      3,
      2,
      '2m5s',
      'nginx,side',
      'nginx:1.27,busybox',
      'app=web',
    ]);
  });
  it('prints a fresh deployment with no status', () => {
    const dep = { kind: 'Deployment', metadata: meta('web'), spec: { replicas: 2, template } };
    expect(cellsOf(res('apps', 'deployments'), dep).slice(1, 4)).toEqual(['0/2', 0, 0]);
    expect(cellsOf(res('apps', 'deployments'), dep)[7]).toBe('');
  });
  it('prints a replicaset', () => {
    const rs = {
      kind: 'ReplicaSet',
      metadata: meta('web-66b6c48dd5'),
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web', 'pod-template-hash': '66b6c48dd5' } },
        template,
      },
      status: { replicas: 3, readyReplicas: 1 },
    };
    expect(cellsOf(res('apps', 'replicasets'), rs)).toEqual([
      'web-66b6c48dd5',
      3,
      3,
      1,
      '60m',
      'nginx,side',
      'nginx:1.27,busybox',
      'app=web,pod-template-hash=66b6c48dd5',
    ]);
  });
  it('prints a daemonset', () => {
    const ds = {
      kind: 'DaemonSet',
      metadata: meta('kube-proxy', { namespace: 'kube-system' }),
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        template: {
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.32.0' }],
          },
        },
      },
      status: {
        desiredNumberScheduled: 3,
        currentNumberScheduled: 3,
        numberReady: 2,
        updatedNumberScheduled: 3,
        numberAvailable: 2,
        numberMisscheduled: 0,
      },
    };
    expect(cellsOf(res('apps', 'daemonsets'), ds)).toEqual([
      'kube-proxy',
      3,
      3,
      2,
      3,
      2,
      'kubernetes.io/os=linux',
      '60m',
      'kube-proxy',
      'registry.k8s.io/kube-proxy:v1.32.0',
      'k8s-app=kube-proxy',
    ]);
    const bare = { kind: 'DaemonSet', metadata: meta('x'), spec: { template: { spec: { containers: [] } } } };
    expect(cellsOf(res('apps', 'daemonsets'), bare)).toEqual([
      'x',
      0,
      0,
      0,
      0,
      0,
      '<none>',
      '60m',
      '',
      '',
      '<none>',
    ]);
  });
});

describe('label selectors', () => {
  it('sorts requirements and formats operators', () => {
    const sel = {
      matchLabels: { tier: 'fe', app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'zone', operator: 'NotIn', values: ['b'] },
        { key: 'gpu', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    };
    expect(labelSelectorString(sel)).toBe('app=web,env in (dev,prod),gpu,!legacy,tier=fe,zone notin (b)');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector(undefined)).toBe('<none>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] })).toBe('<error>');
  });
});

describe('events', () => {
  it('prints a core/v1 event with every wide cell', () => {
    const ev = {
      kind: 'Event',
      metadata: meta('web-7d4b9c8f5d-x2k9p.17a1b2c3d4e5f6a7'),
      involvedObject: {
        kind: 'Pod',
        name: 'web-7d4b9c8f5d-x2k9p',
        namespace: 'default',
        fieldPath: 'spec.containers{nginx}',
      },
      reason: 'Pulled',
      message: 'Successfully pulled image "nginx:1.27"\n',
      source: { component: 'kubelet', host: 'node-2' },
      firstTimestamp: ago(125),
      lastTimestamp: ago(30),
      count: 2,
      type: 'Normal',
    };
    expect(cellsOf(res('', 'events'), ev)).toEqual([
      '30s',
      'Normal',
      'Pulled',
      'pod/web-7d4b9c8f5d-x2k9p',
      'spec.containers{nginx}',
      'kubelet, node-2',
      'Successfully pulled image "nginx:1.27"',
      '2m5s',
      2,
      'web-7d4b9c8f5d-x2k9p.17a1b2c3d4e5f6a7',
    ]);
  });
  it('falls back to eventTime, count 1 and reporting fields for new-style events', () => {
    const ev = {
      kind: 'Event',
      metadata: meta('web.1'),
      involvedObject: { kind: 'Deployment', name: 'web' },
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set web-7d4b9c8f5d from 0 to 3',
      eventTime: ago(45).replace('Z', '.123456Z'),
      reportingComponent: 'deployment-controller',
      type: 'Normal',
    };
    // 44.877 s: HumanDuration truncates.
    expect(cellsOf(res('', 'events'), ev)).toEqual([
      '44s',
      'Normal',
      'ScalingReplicaSet',
      'deployment/web',
      '',
      'deployment-controller',
      'Scaled up replica set web-7d4b9c8f5d from 0 to 3',
      '44s',
      1,
      'web.1',
    ]);
  });
  it('uses the series for LAST SEEN and COUNT, and the kind alone without a name', () => {
    const ev = {
      kind: 'Event',
      metadata: meta('n.1'),
      involvedObject: { kind: 'Node' },
      reason: 'Starting',
      firstTimestamp: ago(600),
      lastTimestamp: ago(500),
      count: 1,
      series: { count: 7, lastObservedTime: ago(5) },
      type: 'Warning',
    };
    const c = cellsOf(res('', 'events'), ev);
    expect([c[0], c[3], c[7], c[8]]).toEqual(['5s', 'node', '10m', 7]);
  });
  it('prints events.k8s.io/v1 events through the same printer', () => {
    const ev = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: meta('web-x.1'),
      regarding: { kind: 'Pod', name: 'web-x', fieldPath: 'spec.containers{app}' },
      reason: 'Scheduled',
      note: 'Successfully assigned default/web-x to node-2',
      eventTime: ago(12),
      reportingController: 'default-scheduler',
      reportingInstance: 'default-scheduler-control-plane',
      action: 'Binding',
      type: 'Normal',
    };
    // Built by hand: resources.ts may or may not serve events.k8s.io; the printer must handle it either way.
    const eventsV1: ResourceInfo = { ...res('', 'events'), group: 'events.k8s.io' };
    expect(cellsOf(eventsV1, ev)).toEqual([
      '12s',
      'Normal',
      'Scheduled',
      'pod/web-x',
      'spec.containers{app}',
      'default-scheduler, default-scheduler-control-plane',
      'Successfully assigned default/web-x to node-2',
      '12s',
      1,
      'web-x.1',
    ]);
  });
});

describe('config and identity', () => {
  it('prints namespaces', () => {
    expect(
      cellsOf(res('', 'namespaces'), {
        metadata: { name: 'kube-system', creationTimestamp: ago(7200) },
        status: { phase: 'Active' },
      }),
    ).toEqual(['kube-system', 'Active', '120m']);
    expect(
      cellsOf(res('', 'namespaces'), {
        metadata: { name: 'x', creationTimestamp: ago(1), deletionTimestamp: ago(0) },
        status: { phase: 'Terminating' },
      })[1],
    ).toBe('Terminating');
  });
  it('prints configmaps, secrets and serviceaccounts with integer counts', () => {
    expect(
      cellsOf(res('', 'configmaps'), {
        metadata: meta('kube-root-ca.crt'),
        data: { 'ca.crt': 'x' },
        binaryData: { b: 'AA==' },
      }),
    ).toEqual(['kube-root-ca.crt', 2, '60m']);
    expect(cellsOf(res('', 'configmaps'), { metadata: meta('empty') })).toEqual(['empty', 0, '60m']);
    expect(
      cellsOf(res('', 'secrets'), {
        metadata: meta('tls'),
        type: 'kubernetes.io/tls',
        data: { 'tls.crt': 'x', 'tls.key': 'y' },
      }),
    ).toEqual(['tls', 'kubernetes.io/tls', 2, '60m']);
    expect(cellsOf(res('', 'serviceaccounts'), { metadata: meta('default') })).toEqual(['default', 0, '60m']);
    expect(
      cellsOf(res('', 'serviceaccounts'), {
        metadata: meta('builder'),
        secrets: [{ name: 'builder-token' }],
      }),
    ).toEqual(['builder', 1, '60m']);
  });
  it('prints leases', () => {
    const lease = {
      metadata: meta('node-1', { namespace: 'kube-node-lease' }),
      spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40 },
    };
    expect(cellsOf(res('coordination.k8s.io', 'leases'), lease)).toEqual(['node-1', 'node-1', '60m']);
    expect(cellsOf(res('coordination.k8s.io', 'leases'), { metadata: meta('free'), spec: {} })).toEqual([
      'free',
      '',
      '60m',
    ]);
  });
  it('prints role bindings with subjects in the wide cells', () => {
    const subjects = [
      { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'User', name: 'bob', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'ServiceAccount', name: 'ci', namespace: 'build' },
    ];
    const rb = {
      metadata: meta('read-pods'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects,
    };
    expect(cellsOf(res('rbac.authorization.k8s.io', 'rolebindings'), rb)).toEqual([
      'read-pods',
      'Role/pod-reader',
      '60m',
      'alice, bob',
      'devs',
      'build/ci',
    ]);
    const crb = {
      metadata: { name: 'cluster-admin', creationTimestamp: ago(60) },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'Group', name: 'system:masters', apiGroup: 'rbac.authorization.k8s.io' }],
    };
    expect(cellsOf(res('rbac.authorization.k8s.io', 'clusterrolebindings'), crb)).toEqual([
      'cluster-admin',
      'ClusterRole/cluster-admin',
      '60s',
      '',
      'system:masters',
      '',
    ]);
  });
  it('prints roles and clusterroles with the default table', () => {
    const t = printTable(
      res('rbac.authorization.k8s.io', 'clusterroles'),
      [{ metadata: { name: 'admin', creationTimestamp: '2024-12-31T08:15:30Z' } }],
      { nowMs: NOW, includeObject: 'None' },
    );
    expect(t.columnDefinitions.map((c) => [c.name, c.type, c.format])).toEqual([
      ['Name', 'string', 'name'],
      ['Created At', 'date', ''],
    ]);
    expect(t.rows[0].cells).toEqual(['admin', '2024-12-31T08:15:30Z']);
    expect(
      cellsOf(res('rbac.authorization.k8s.io', 'roles'), {
        metadata: meta('pod-reader', { creationTimestamp: '2025-01-01T11:00:00.250Z' }),
      }),
    ).toEqual(['pod-reader', '2025-01-01T11:00:00Z']);
  });
});

describe('printTable', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('web', { uid: 'u1', resourceVersion: '42', labels: { app: 'web' } }),
    spec: { containers: [{ name: 'a' }] },
    status: { phase: 'Pending' },
  };

  it('builds a meta.k8s.io/v1 Table with wide columns and list metadata', () => {
    const t = printTable(res('', 'pods'), [pod], {
      nowMs: NOW,
      includeObject: 'None',
      listMeta: { resourceVersion: '100', continue: '' },
    });
    expect(t.kind).toBe('Table');
    expect(t.apiVersion).toBe('meta.k8s.io/v1');
    expect(t.metadata).toEqual({ resourceVersion: '100' });
    expect(t.columnDefinitions.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Ready:0',
      'Status:0',
      'Restarts:0',
      'Age:0',
      'IP:1',
      'Node:1',
      'Nominated Node:1',
      'Readiness Gates:1',
    ]);
    expect(t.columnDefinitions[0]).toEqual({
      name: 'Name',
      type: 'string',
      format: 'name',
      description: d.META_NAME,
      priority: 0,
    });
    expect(t.columnDefinitions[4]).toEqual({
      name: 'Age',
      type: 'string',
      format: '',
      description: d.META_CREATION_TIMESTAMP,
      priority: 0,
    });
    expect(t.rows).toEqual([
      { cells: ['web', '0/1', 'Pending', '0', '60m', '<none>', '<none>', '<none>', '<none>'] },
    ]);
    expect('object' in t.rows[0]).toBe(false);
  });

  it('attaches PartialObjectMetadata or the full object', () => {
    const m = printTable(res('', 'pods'), [pod], { nowMs: NOW, includeObject: 'Metadata' });
    expect(m.rows[0].object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: pod.metadata,
    });
    const o = printTable(res('', 'pods'), [pod], { nowMs: NOW, includeObject: 'Object' });
    expect(o.rows[0].object).toBe(pod);
  });

  it('keeps the order of the objects and serializes keys in upstream order', () => {
    const ns = (name: string) => ({
      metadata: { name, creationTimestamp: ago(5) },
      status: { phase: 'Active' },
    });
    const t = printTable(res('', 'namespaces'), [ns('b'), ns('a'), ns('c')], {
      nowMs: NOW,
      includeObject: 'None',
    });
    expect(t.rows.map((r) => r.cells[0])).toEqual(['b', 'a', 'c']);
    expect(Object.keys(t)).toEqual(['kind', 'apiVersion', 'metadata', 'columnDefinitions', 'rows']);
    expect(Object.keys(t.columnDefinitions[0])).toEqual([
      'name',
      'type',
      'format',
      'description',
      'priority',
    ]);
    expect(printTable(res('', 'namespaces'), [], { nowMs: NOW, includeObject: 'None' }).rows).toEqual([]);
  });

  it('has a cell for every column, for every resource', () => {
    for (const info of RESOURCES) {
      const printer = printerFor(info);
      const row = printer.print({ metadata: { name: 'x', creationTimestamp: ago(1) } }, NOW);
      expect(row.cells.length, `${info.group}/${info.resource}`).toBe(printer.columns.length);
    }
  });

  it('uses the extensions/v1beta1 and rbac/v1beta1 descriptions upstream cites', () => {
    const rs = printerFor(res('apps', 'replicasets')).columns;
    expect(rs[3].description).toBe('The number of ready replicas for this replica set.');
    const rb = printerFor(res('rbac.authorization.k8s.io', 'rolebindings')).columns;
    expect(rb[1].description).toBe(d.RBAC_V1BETA1_ROLE_BINDING_ROLE_REF);
    expect(printerFor(res('', 'nodes')).columns[5].description).toBe(d.NODE_STATUS_ADDRESSES);
  });
});
