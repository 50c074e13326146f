import type { DaemonSet, Deployment } from 'kubernetes-types/apps/v1';
import type { ConfigMap, Pod, Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';

describe('kubeadm add-ons', () => {
  const cluster = createCluster({ nodes: 3 });
  const get = (resource: string, group = '') =>
    cluster.apiserver.listInternal(resource, group, 'kube-system').items;

  it('creates the kube-proxy DaemonSet, which runs on every node including the control plane', () => {
    const ds = get('daemonsets', 'apps').find((d) => d.metadata?.name === 'kube-proxy') as DaemonSet;
    expect(ds.spec?.template.spec?.containers[0].image).toBe('registry.k8s.io/kube-proxy:v1.32.0');
    expect(ds.spec?.template.spec?.hostNetwork).toBe(true);
    expect(ds.spec?.template.spec?.priorityClassName).toBe('system-node-critical');
    const pods = (get('pods') as Pod[]).filter((p) => p.metadata?.labels?.['k8s-app'] === 'kube-proxy');
    const nodes = pods.map(
      (p) =>
        p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]
          .matchFields?.[0].values?.[0],
    );
    expect(nodes.sort()).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    expect(pods[0].spec?.priority).toBe(2000001000);
    expect(pods[0].spec?.serviceAccountName).toBe('kube-proxy');
    expect(
      (get('configmaps') as ConfigMap[]).find((c) => c.metadata?.name === 'kube-proxy')?.data?.[
        'config.conf'
      ],
    ).toContain('clusterCIDR: 10.244.0.0/16');
  });

  it('creates CoreDNS: the Deployment, the kube-dns Service at 10.96.0.10 and the Corefile', () => {
    const d = get('deployments', 'apps').find((x) => x.metadata?.name === 'coredns') as Deployment;
    expect(d.spec?.replicas).toBe(2);
    const c = d.spec?.template.spec?.containers[0];
    expect(c?.image).toBe('registry.k8s.io/coredns/coredns:v1.11.3');
    expect(c?.resources).toEqual({ limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } });
    expect(c?.ports?.map((p) => `${p.name}:${p.containerPort}/${p.protocol}`)).toEqual([
      'dns:53/UDP',
      'dns-tcp:53/TCP',
      'metrics:9153/TCP',
      'liveness-probe:8080/TCP',
      'readiness-probe:8181/TCP',
    ]);
    const svc = get('services').find((s) => s.metadata?.name === 'kube-dns') as Service;
    expect(svc.spec?.clusterIP).toBe('10.96.0.10');
    expect(svc.spec?.ports?.map((p) => `${p.name}:${p.port}/${p.protocol}`)).toEqual([
      'dns:53/UDP',
      'dns-tcp:53/TCP',
      'metrics:9153/TCP',
    ]);
    const cm = get('configmaps').find((x) => x.metadata?.name === 'coredns') as ConfigMap;
    expect(cm.data?.Corefile).toContain('kubernetes cluster.local in-addr.arpa ip6.arpa {');
    expect(get('serviceaccounts').map((s) => s.metadata?.name)).toEqual(
      expect.arrayContaining(['coredns', 'kube-proxy']),
    );
  });
});
