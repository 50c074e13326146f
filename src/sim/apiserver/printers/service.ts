import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { translateTimestampSince } from './duration';
import { formatLabels } from './format';
import { col, type Printer, type PrintedRow } from './types';

/** loadBalancerStatusStringer with wide=true (the server never clips): sorted, unique IPs or hostnames. */
function loadBalancerIngress(svc: Service): string {
  const result = new Set<string>();
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) result.add(ing.ip);
    else if (ing.hostname) result.add(ing.hostname);
  }
  return [...result].sort().join(',');
}

export function serviceExternalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerIngress(svc);
      if (externalIPs.length > 0) return [...(lbIps ? lbIps.split(',') : []), ...externalIPs].join(',');
      return lbIps || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
  }
  return '<unknown>';
}

/** makePortString: `80/TCP`, or `80:30080/TCP` when a node port is allocated. */
export function makePortString(ports: ServicePort[] | undefined): string {
  return (ports ?? [])
    .map((p) => {
      // The apiserver defaults protocol to TCP before storage; the fallback only guards undefaulted input.
      const protocol = p.protocol ?? 'TCP';
      return p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
    })
    .join(',');
}

export function printService(obj: KubeObject, nowMs: number): PrintedRow {
  const svc = obj as Service;
  // clusterIPs is always defaulted from clusterIP upstream; reading clusterIP too covers undefaulted input.
  const internalIP = svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP ?? '<none>';
  const ports = makePortString(svc.spec?.ports) || '<none>';
  return {
    cells: [
      svc.metadata?.name ?? '',
      svc.spec?.type ?? '',
      internalIP,
      serviceExternalIP(svc),
      ports,
      translateTimestampSince(svc.metadata?.creationTimestamp, nowMs),
      formatLabels(svc.spec?.selector),
    ],
  };
}

export const servicePrinter: Printer = {
  columns: [
    col('Name', 'string', d.META_NAME, { format: 'name' }),
    col('Type', 'string', d.SERVICE_SPEC_TYPE),
    col('Cluster-IP', 'string', d.SERVICE_SPEC_CLUSTER_IP),
    col('External-IP', 'string', d.SERVICE_SPEC_EXTERNAL_IPS),
    col('Port(s)', 'string', d.SERVICE_SPEC_PORTS),
    col('Age', 'string', d.META_CREATION_TIMESTAMP),
    col('Selector', 'string', d.SERVICE_SPEC_SELECTOR, { priority: 1 }),
  ],
  print: printService,
};
