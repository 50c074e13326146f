import type { Service } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointSlice } from 'kubernetes-types/discovery/v1';

/** Small builders for tests, in the spirit of upstream's makeTestService / makeTestEndpointSlice. */

export function makeService(namespace: string, name: string, edit: (svc: Service) => void): Service {
  const svc: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace, name },
    spec: { sessionAffinity: 'None', type: 'ClusterIP' },
    status: {},
  };
  edit(svc);
  return svc;
}

export function makeSlice(
  namespace: string,
  service: string,
  suffix: number,
  endpoints: Endpoint[],
  ports: Array<{ name?: string; port: number; protocol?: string }>,
): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { namespace, name: `${service}-${suffix}`, labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4',
    endpoints,
    ports: ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
  };
}

/**
 * Port of upstream's `sortIPTablesRules` (proxier_test.go): orders a restore input so it doesn't
 * depend on the order services were processed in.
 */
export function sortRestoreInput(text: string): string {
  const tables: Array<{ name: string; chains: string[]; rules: Map<string, string[]> }> = [];
  let current: (typeof tables)[number] | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('*')) {
      current = { name: line.slice(1), chains: [], rules: new Map() };
      tables.push(current);
    } else if (line.startsWith(':') && current) {
      const chain = line.slice(1).split(' ')[0];
      current.chains.push(chain);
      current.rules.set(chain, []);
    } else if (line.startsWith('-A ') && current) {
      const chain = line.split(' ')[1];
      current.rules.get(chain)?.push(line);
    }
  }
  tables.sort((a, b) => (a.name < b.name ? -1 : 1));
  const rank = (c: string): [number, string] => [
    c === 'KUBE-NODEPORTS' ? 0 : c === 'KUBE-SERVICES' ? 1 : c.startsWith('KUBE-') ? 2 : 3,
    c,
  ];
  const serviceName = (rule: string): string | undefined => {
    const m = /--comment ("[^"]*"|\S+)/.exec(rule);
    if (!m) return undefined;
    const value = m[1].replace(/^"|"$/g, '');
    const i = value.search(/[ :]/);
    return i === -1 ? value : value.slice(0, i);
  };
  const byService = (a: string, b: string): number => {
    const na = serviceName(a);
    const nb = serviceName(b);
    if (na === undefined || nb === undefined) return 0;
    return na < nb ? -1 : na > nb ? 1 : 0;
  };
  const out: string[] = [];
  for (const t of tables) {
    t.chains.sort((a, b) => {
      const [ra, na] = rank(a);
      const [rb, nb] = rank(b);
      return ra - rb || (na < nb ? -1 : na > nb ? 1 : 0);
    });
    const np = t.rules.get('KUBE-NODEPORTS');
    if (np) np.sort(byService);
    const svc = t.rules.get('KUBE-SERVICES');
    if (svc) {
      const last = (r: string): boolean => r.includes('must be the last rule');
      svc.sort((a, b) => (last(a) ? (last(b) ? 0 : 1) : last(b) ? -1 : byService(a, b)));
    }
    out.push(`*${t.name}`);
    for (const c of t.chains) out.push(`:${c} - [0:0]`);
    for (const c of t.chains) out.push(...(t.rules.get(c) ?? []));
    out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}
