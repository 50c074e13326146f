import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import {
  FieldPath,
  duplicate,
  forbidden,
  goValue,
  invalid,
  notSupported,
  required,
  type FieldError,
} from '../field-errors';
import { INVALID_IP, isValidCIDR, isValidPortName, isValidPortNum, parseIP } from './formats';
import { goIntOrString, goStringSlice } from './go-values';
import {
  nameIsDNS1035Label,
  validateDNS1123Label,
  validateDNS1123Subdomain,
  validateLabelName,
  validateLabels,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './metadata';
import { PORT_PROTOCOLS } from './container';

/** The kube-apiserver's default --service-node-port-range (FIDELITY.md). */
export const NODE_PORT_RANGE = { base: 30000, max: 32767 };

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

/** The registry copies a lone clusterIP into clusterIPs before validating. */
function clusterIPsOf(svc: Service): string[] {
  const s = svc.spec ?? {};
  if (s.clusterIPs && s.clusterIPs.length > 0) return s.clusterIPs;
  return s.clusterIP ? [s.clusterIP] : [];
}

const isHeadless = (svc: Service): boolean => {
  const ips = clusterIPsOf(svc);
  return ips.length === 1 && ips[0] === 'None';
};

function validateServicePort(
  sp: ServicePort,
  requireName: boolean,
  names: Set<string>,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) errs.push(required(path.child('name')));
  else if (sp.name) {
    errs.push(...validateDNS1123Label(sp.name, path.child('name')));
    if (names.has(sp.name)) errs.push(duplicate(path.child('name'), sp.name));
    else names.add(sp.name);
  }
  for (const m of isValidPortNum(sp.port ?? 0)) errs.push(invalid(path.child('port'), sp.port ?? 0, m));
  if (!sp.protocol) errs.push(required(path.child('protocol')));
  else if (!PORT_PROTOCOLS.includes(sp.protocol))
    errs.push(notSupported(path.child('protocol'), sp.protocol, PORT_PROTOCOLS));
  const tp = sp.targetPort;
  if (typeof tp === 'string')
    for (const m of isValidPortName(tp)) errs.push(invalid(path.child('targetPort'), tp, m));
  else for (const m of isValidPortNum(tp ?? 0)) errs.push(invalid(path.child('targetPort'), tp ?? 0, m));
  if (sp.appProtocol !== undefined)
    errs.push(...validateLabelName(sp.appProtocol, path.child('appProtocol')));
  return errs;
}

function goServicePortKey(p: ServicePort): string {
  return `core.ServicePort{Name:"", Protocol:"${p.protocol ?? ''}", AppProtocol:(*string)(nil), Port:${p.port ?? 0}, TargetPort:${goIntOrString(0)}, NodePort:0}`;
}

/** ValidateService, plus the NodePort allocator's range check the registry runs on create. */
export function validateService(svc: Service): FieldError[] {
  const spec = FieldPath.root('spec');
  const s = svc.spec ?? {};
  const type = s.type ?? '';
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label);
  const ports = s.ports ?? [];
  const headless = isHeadless(svc);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required(spec.child('ports')));
  const ips = clusterIPsOf(svc);
  if (type === 'LoadBalancer' && headless)
    errs.push(
      invalid(
        spec.child('clusterIPs').index(0),
        ips[0],
        "may not be set to 'None' for LoadBalancer services",
      ),
    );
  if (type === 'NodePort' && headless)
    errs.push(
      invalid(spec.child('clusterIPs').index(0), ips[0], "may not be set to 'None' for NodePort services"),
    );
  if (type === 'ExternalName') {
    if (ips.length > 0)
      errs.push(forbidden(spec.child('clusterIPs'), 'may not be set for ExternalName services'));
    if ((s.ipFamilies ?? []).length > 0)
      errs.push(forbidden(spec.child('ipFamilies'), 'may not be set for ExternalName services'));
    if (s.ipFamilyPolicy !== undefined)
      errs.push(forbidden(spec.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
    const cname = (s.externalName ?? '').replace(/\.$/, '');
    if (cname) errs.push(...validateDNS1123Subdomain(cname, spec.child('externalName')));
    else errs.push(required(spec.child('externalName')));
  }
  const names = new Set<string>();
  ports.forEach((p, i) =>
    errs.push(...validateServicePort(p, ports.length > 1, names, spec.child('ports').index(i))),
  );
  if (s.selector) errs.push(...validateLabels(s.selector, spec.child('selector')));
  const sa = s.sessionAffinity ?? '';
  if (!sa) errs.push(required(spec.child('sessionAffinity')));
  else if (sa !== 'ClientIP' && sa !== 'None')
    errs.push(notSupported(spec.child('sessionAffinity'), sa, ['ClientIP', 'None']));
  const cfgPath = spec.child('sessionAffinityConfig');
  if (sa === 'ClientIP') {
    const when = 'when session affinity type is ClientIP';
    const cfg = s.sessionAffinityConfig;
    if (!cfg) errs.push(required(cfgPath, when));
    else if (!cfg.clientIP) errs.push(required(cfgPath.child('clientIP'), when));
    else if (cfg.clientIP.timeoutSeconds === undefined)
      errs.push(required(cfgPath.child('clientIP', 'timeoutSeconds'), when));
    else if (cfg.clientIP.timeoutSeconds <= 0 || cfg.clientIP.timeoutSeconds > 86400) {
      errs.push(
        invalid(
          cfgPath.child('clientIP', 'timeoutSeconds'),
          cfg.clientIP.timeoutSeconds,
          'must be greater than 0 and less than 86400',
        ),
      );
    }
  } else if (sa === 'None' && s.sessionAffinityConfig) {
    errs.push(forbidden(cfgPath, 'must not be set when session affinity is None'));
  }
  if (type !== 'ExternalName') {
    ips.forEach((ip, i) => {
      if (ip !== 'None' && ip !== '' && !parseIP(ip))
        errs.push(invalid(spec.child('clusterIPs').index(i), ip, INVALID_IP));
    });
  }
  (s.externalIPs ?? []).forEach((ip, i) => {
    if (!parseIP(ip)) errs.push(invalid(spec.child('externalIPs').index(i), ip, INVALID_IP));
  });
  if (!type) errs.push(required(spec.child('type')));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported(spec.child('type'), type, SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort)
        errs.push(
          forbidden(
            spec.child('ports').index(i).child('nodePort'),
            "may not be used when `type` is 'ClusterIP'",
          ),
        );
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(spec.child('ports').index(i).child('nodePort'), p.nodePort));
    nodePorts.add(key);
  });
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (portKeys.has(key)) errs.push(duplicate(spec.child('ports').index(i), goValue(goServicePortKey(p))));
    portKeys.add(key);
  });
  if ((s.loadBalancerSourceRanges ?? []).length > 0) {
    const fp = spec.child('LoadBalancerSourceRanges');
    if (type !== 'LoadBalancer') errs.push(forbidden(fp, "may only be used when `type` is 'LoadBalancer'"));
    (s.loadBalancerSourceRanges ?? []).forEach((r, i) => {
      const v = r.trim();
      if (!isValidCIDR(v))
        errs.push(invalid(fp.index(i), v, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
    });
  }
  if (s.allocateLoadBalancerNodePorts !== undefined && type !== 'LoadBalancer') {
    errs.push(
      forbidden(
        spec.child('allocateLoadBalancerNodePorts'),
        "may only be used when `type` is 'LoadBalancer'",
      ),
    );
  }
  if (type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts === undefined) {
    // Upstream's path really lacks the `spec.` prefix here.
    errs.push(required(FieldPath.root('allocateLoadBalancerNodePorts')));
  }
  const external = type === 'NodePort' || type === 'LoadBalancer' || (s.externalIPs ?? []).length > 0;
  if (!external) {
    if (s.externalTrafficPolicy)
      errs.push(
        invalid(
          spec.child('externalTrafficPolicy'),
          s.externalTrafficPolicy,
          'may only be set for externally-accessible services',
        ),
      );
  } else if (!s.externalTrafficPolicy) errs.push(required(spec.child('externalTrafficPolicy')));
  else if (s.externalTrafficPolicy !== 'Cluster' && s.externalTrafficPolicy !== 'Local') {
    errs.push(
      notSupported(spec.child('externalTrafficPolicy'), s.externalTrafficPolicy, ['Cluster', 'Local']),
    );
  }
  if (s.internalTrafficPolicy === undefined) {
    if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP')
      errs.push(required(spec.child('internalTrafficPolicy')));
  } else if (s.internalTrafficPolicy !== 'Cluster' && s.internalTrafficPolicy !== 'Local') {
    errs.push(
      notSupported(spec.child('internalTrafficPolicy'), s.internalTrafficPolicy, ['Cluster', 'Local']),
    );
  }
  // portallocator (pkg/registry/core/service/portallocator): the error the registry turns into a 422.
  ports.forEach((p, i) => {
    if (p.nodePort && (p.nodePort < NODE_PORT_RANGE.base || p.nodePort > NODE_PORT_RANGE.max)) {
      errs.push(
        invalid(
          spec.child('ports').index(i).child('nodePort'),
          p.nodePort,
          `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.base}-${NODE_PORT_RANGE.max}`,
        ),
      );
    }
  });
  return errs;
}

/** ValidateServiceUpdate: allocated cluster IPs may not change (except to or from ExternalName). */
export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  const type = svc.spec?.type;
  const oldType = old.spec?.type;
  if (type !== 'ExternalName' && oldType !== 'ExternalName' && !(isHeadless(svc) && isHeadless(old))) {
    const n = clusterIPsOf(svc);
    const o = clusterIPsOf(old);
    const path = FieldPath.root('spec', 'clusterIPs');
    if (n.length === o.length) {
      o.forEach((ip, i) => {
        if (ip !== n[i]) errs.push(invalid(path.index(i), goStringSlice(n), 'may not change once set'));
      });
    } else if (n.length === 0 && o.length > 0) {
      errs.push(invalid(path.index(0), goStringSlice(n), 'primary clusterIP can not be unset'));
    } else if (n.length < o.length && n[0] !== o[0]) {
      errs.push(invalid(path.index(0), goStringSlice(n), 'may not change once set'));
    } else if (n.length > o.length && o.length > 0 && n[0] !== o[0]) {
      errs.push(invalid(path.index(0), goStringSlice(n), 'may not change once set'));
    }
  }
  errs.push(...validateService(svc).filter((e) => !e.field.startsWith('metadata.')));
  return errs;
}
