import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import type { KubeObject, Mutable } from '../../api/object';
import { invalid, type FieldError } from '../../api/field-errors';
import type { NodePortAllocator } from '../../network/node-port-allocator';
import type { ServiceIPAllocator } from '../../network/service-ip-allocator';
import type { Strategy } from './strategy';

/**
 * pkg/registry/core/service/storage: ClusterIPs and NodePorts are allocated when a Service is
 * stored, kept across updates, and released when it is deleted or changes type.
 */
export function serviceStrategy(ips: ServiceIPAllocator, ports: NodePortAllocator): Strategy {
  return {
    hasStatus: true,
    tracksGeneration: false,
    prepareForCreate(obj: KubeObject) {
      const svc = obj as Mutable<Service>;
      svc.status = { loadBalancer: {} };
    },
    prepareForUpdate(obj: KubeObject, old: KubeObject) {
      const svc = obj as Mutable<Service>;
      const prev = old as Mutable<Service>;
      // An update that leaves clusterIP out keeps the allocated one (kubectl apply omits it).
      if (svc.spec && !svc.spec.clusterIP && prev.spec?.clusterIP) {
        svc.spec.clusterIP = prev.spec.clusterIP;
        svc.spec.clusterIPs = prev.spec.clusterIPs;
      }
      if (svc.spec && needsNodePorts(svc) && needsNodePorts(prev)) {
        for (const p of svc.spec.ports ?? []) {
          if (p.nodePort) continue;
          const same = (prev.spec?.ports ?? []).find(
            (q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'),
          );
          if (same?.nodePort) p.nodePort = same.nodePort;
        }
      }
    },
    allocate(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
      const svc = obj as Mutable<Service>;
      const prev = old as Mutable<Service> | undefined;
      const spec = svc.spec;
      if (!spec) return [];
      const errs: FieldError[] = [];
      const taken: Array<() => void> = [];
      if (spec.type !== 'ExternalName' && !prev?.spec?.clusterIP) {
        if (spec.clusterIP !== 'None') {
          const r = ips.allocate(spec.clusterIP || undefined);
          if (!r.ok) errs.push(invalid('spec.clusterIPs', spec.clusterIP ? [spec.clusterIP] : [], r.message));
          else {
            spec.clusterIP = r.ip;
            spec.clusterIPs = [r.ip];
            taken.push(() => ips.release(r.ip));
          }
        } else spec.clusterIPs = ['None'];
      }
      if (needsNodePorts(svc)) {
        const prevPorts = new Set(
          (needsNodePorts(prev) ? (prev?.spec?.ports ?? []) : []).map((p) => p.nodePort),
        );
        (spec.ports ?? []).forEach((p: Mutable<ServicePort>, i: number) => {
          if (p.nodePort && prevPorts.has(p.nodePort)) return;
          const r = ports.allocate(p.nodePort || undefined);
          if (!r.ok) errs.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort ?? 0, r.message));
          else {
            p.nodePort = r.port;
            taken.push(() => ports.release(r.port));
          }
        });
      }
      if (errs.length > 0) for (const undo of taken) undo();
      return errs;
    },
    release(obj: KubeObject, old: KubeObject | undefined) {
      const svc = obj as Mutable<Service>;
      if (old) return; // a failed update keeps what the old object holds
      if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') ips.release(svc.spec.clusterIP);
      for (const p of svc.spec?.ports ?? []) if (p.nodePort) ports.release(p.nodePort);
    },
  };
}

function needsNodePorts(svc: Mutable<Service> | Service | undefined): boolean {
  return svc?.spec?.type === 'NodePort' || svc?.spec?.type === 'LoadBalancer';
}
