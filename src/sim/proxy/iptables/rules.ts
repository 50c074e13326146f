import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Rule, Table, TableName, Tables } from './model';
import { BUILTIN_CHAINS } from './model';
import { rule } from './rule-builder';
import type { ServicePortInfo } from './service-ports';
import {
  servicePortInfos,
  externallyAccessible,
  usesClusterEndpoints,
  usesLocalEndpoints,
} from './service-ports';
import type { EndpointInfo } from './endpoints';
import { buildEndpointsMap, categorizeEndpoints, compareStrings, endpointsKey } from './endpoints';
import {
  KUBE_EXTERNAL_SERVICES,
  KUBE_FIREWALL,
  KUBE_FORWARD,
  KUBE_KUBELET_CANARY,
  KUBE_MARK_MASQ,
  KUBE_NODEPORTS,
  KUBE_POSTROUTING,
  KUBE_PROXY_CANARY,
  KUBE_PROXY_FIREWALL,
  KUBE_SERVICES,
} from './chains';
import { cidrContains } from './cidr';

/**
 * kube-proxy's iptables mode as a pure function: `syncProxyRules` of pkg/proxy/iptables/proxier.go
 * (v1.32) for one IPv4 node, with the default configuration of a kubeadm cluster
 * (detect-local-mode ClusterCIDR, localhost NodePorts on, nodePortAddresses unset).
 */
export interface BuildTablesInput {
  services: Service[];
  endpointSlices: EndpointSlice[];
  nodeName: string;
  /** The node's addresses; the first is kube-proxy's `nodeIP` (used for loadBalancerSourceRanges). */
  nodeIPs: string[];
  /** The pod CIDR of the cluster, e.g. `10.244.0.0/16`: traffic from outside it gets masqueraded. */
  clusterCIDR: string;
  /** `--iptables-masquerade-bit`, 14 by default (mark 0x4000). */
  masqueradeBit?: number;
  /** `--masquerade-all`, off by default. */
  masqueradeAll?: boolean;
  /** `iptables.localhostNodePorts`, on by default. */
  localhostNodePorts?: boolean;
  /** Whether the kernel has nfacct (kube-proxy then counts localhost NodePort and invalid packets). */
  nfacct?: boolean;
  /** Whether iptables supports `--random-fully` on MASQUERADE (every current distribution does). */
  randomFully?: boolean;
  /** Whether `nf_conntrack_tcp_be_liberal` is set (then no DROP of INVALID packets). */
  conntrackTCPLiberal?: boolean;
}

/** The counters kube-proxy creates through nfacct (pkg/proxy/metrics). */
export const NFACCT_INVALID_DROPPED = 'ct_state_invalid_dropped_pkts';
export const NFACCT_LOCALHOST_NODEPORT = 'localhost_nps_accepted_pkts';

/** Above this many endpoints kube-proxy drops per-endpoint comments to keep the ruleset small. */
const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;

interface Output {
  filterChains: string[];
  filterRules: Rule[];
  natChains: string[];
  natRules: Rule[];
}

/** The node's `nat` and `filter` tables as `iptables-save` would list them after a sync. */
export function buildTables(input: BuildTablesInput): Tables {
  const out = syncProxyRules(input);
  return {
    nat: assembleTable('nat', out.natChains, [...natJumpRules(), ...out.natRules]),
    filter: assembleTable('filter', out.filterChains, [...filterJumpRules(), ...out.filterRules]),
  };
}

/** The exact text kube-proxy feeds to `iptables-restore --noflush` on a full sync. */
export function kubeProxyRestoreInput(input: BuildTablesInput): string {
  const out = syncProxyRules(input);
  const lines = ['*filter'];
  for (const c of out.filterChains) lines.push(`:${c} - [0:0]`);
  for (const r of out.filterRules) lines.push(r.text);
  lines.push('COMMIT', '*nat');
  for (const c of out.natChains) lines.push(`:${c} - [0:0]`);
  for (const r of out.natRules) lines.push(r.text);
  lines.push('COMMIT');
  return lines.join('\n') + '\n';
}

function assembleTable(name: TableName, kubeProxyChains: string[], rules: Rule[]): Table {
  const builtins = BUILTIN_CHAINS[name];
  // The canary chains are empty chains kube-proxy and kubelet create to notice a flush of the table.
  const user = new Set([...kubeProxyChains, KUBE_PROXY_CANARY, KUBE_KUBELET_CANARY]);
  if (name === 'filter') user.add(KUBE_FIREWALL);
  // iptables keeps user-defined chains sorted by name; built-in chains come first.
  const chains = [...builtins, ...[...user].sort(compareStrings)];
  const policies: Record<string, 'ACCEPT' | 'DROP'> = {};
  for (const c of builtins) policies[c] = 'ACCEPT';
  return { name, chains, policies, rules };
}

/**
 * The jumps from the built-in chains. kube-proxy (and kubelet before it) prepend them one at a
 * time with `iptables -I`, so each later entry of `iptablesJumpChains` ends up above the earlier
 * ones, and kubelet's `-j KUBE-FIREWALL`, created first, stays last.
 */
function natJumpRules(): Rule[] {
  return [
    rule('nat', 'PREROUTING').comment('kubernetes service portals', true).jump(KUBE_SERVICES),
    rule('nat', 'OUTPUT').comment('kubernetes service portals', true).jump(KUBE_SERVICES),
    rule('nat', 'POSTROUTING').comment('kubernetes postrouting rules', true).jump(KUBE_POSTROUTING),
  ];
}

function filterJumpRules(): Rule[] {
  const lbFirewall = (chain: string): Rule =>
    rule('filter', chain)
      .ctstate(['NEW'])
      .comment('kubernetes load balancer firewall', true)
      .jump(KUBE_PROXY_FIREWALL);
  const externalServices = (chain: string): Rule =>
    rule('filter', chain)
      .ctstate(['NEW'])
      .comment('kubernetes externally-visible service portals', true)
      .jump(KUBE_EXTERNAL_SERVICES);
  const services = (chain: string): Rule =>
    rule('filter', chain).ctstate(['NEW']).comment('kubernetes service portals', true).jump(KUBE_SERVICES);
  return [
    lbFirewall('INPUT'),
    rule('filter', 'INPUT').comment('kubernetes health check service ports', true).jump(KUBE_NODEPORTS),
    externalServices('INPUT'),
    rule('filter', 'INPUT').jump(KUBE_FIREWALL),
    lbFirewall('FORWARD'),
    rule('filter', 'FORWARD').comment('kubernetes forwarding rules', true).jump(KUBE_FORWARD),
    services('FORWARD'),
    externalServices('FORWARD'),
    lbFirewall('OUTPUT'),
    services('OUTPUT'),
    rule('filter', 'OUTPUT').jump(KUBE_FIREWALL),
  ];
}

/** Go's `fmt.Sprintf("%#08x", v)`: the zero padding applies to the digits, after the 0x. */
function goHex08(v: number): string {
  return '0x' + v.toString(16).padStart(8, '0');
}

/** `computeProbability`: 1/n with 10 decimals. */
export function computeProbability(n: number): string {
  return (1 / n).toFixed(10);
}

function syncProxyRules(input: BuildTablesInput): Output {
  const masqBit = input.masqueradeBit ?? 14;
  const masqValue = 2 ** masqBit;
  const masqText = goHex08(masqValue);
  const localhostNodePorts = input.localhostNodePorts ?? true;
  const nfacct = input.nfacct ?? true;
  const randomFully = input.randomFully ?? true;
  const masqueradeAll = input.masqueradeAll ?? false;
  const nodeIP = input.nodeIPs[0] ?? '';
  const podCIDR = input.clusterCIDR;

  const out: Output = {
    filterChains: [KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL],
    filterRules: [],
    natChains: [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ],
    natRules: [],
  };
  const nat = (chain: string) => rule('nat', chain);
  const filter = (chain: string) => rule('filter', chain);

  out.natRules.push(
    nat(KUBE_POSTROUTING).mark(masqValue, masqText, true).verdict('RETURN'),
    // Clear the mark so a packet that re-traverses the stack is not masqueraded twice.
    nat(KUBE_POSTROUTING).markTarget('xor', masqValue, masqText),
    nat(KUBE_POSTROUTING).comment('kubernetes service traffic requiring SNAT', true).masquerade(randomFully),
    nat(KUBE_MARK_MASQ).markTarget('or', masqValue, masqText),
  );

  if (localhostNodePorts) {
    // route_localnet (needed for localhost NodePorts) opens a hole (issue 90259) this rule closes.
    out.filterChains.push(KUBE_FIREWALL);
    out.filterRules.push(
      filter(KUBE_FIREWALL)
        .comment('block incoming localnet connections', true)
        .dst('127.0.0.0/8')
        .src('127.0.0.0/8', true)
        .ctstate(['RELATED', 'ESTABLISHED', 'DNAT'], true)
        .verdict('DROP'),
    );
  }

  // Go iterates the service map in random order; KubeSim sorts by name to stay deterministic.
  const svcPorts = input.services
    .flatMap(servicePortInfos)
    .sort((a, b) => compareStrings(a.nameString, b.nameString) || compareStrings(a.protocol, b.protocol));
  const endpointsMap = buildEndpointsMap(input.endpointSlices, input.nodeName);
  const endpointsOf = (s: ServicePortInfo): EndpointInfo[] =>
    endpointsMap.get(endpointsKey(s.namespace, s.name, s.portName, s.protocol)) ?? [];

  let totalEndpoints = 0;
  for (const s of svcPorts) totalEndpoints += endpointsOf(s).length;
  const largeClusterMode = totalEndpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD;

  for (const svc of svcPorts) {
    writeServicePort(svc, endpointsOf(svc));
  }

  // The tail-call to KUBE-NODEPORTS must stay the last rule of KUBE-SERVICES.
  const np = nat(KUBE_SERVICES)
    .comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain', true)
    .addrtype('dst');
  if (!localhostNodePorts) np.dst('127.0.0.0/8', true);
  out.natRules.push(np.jump(KUBE_NODEPORTS));

  if (!input.conntrackTCPLiberal) {
    // INVALID packets would otherwise reach a pod un-DNATed and make it send a RST (issue 74839).
    const r = filter(KUBE_FORWARD).ctstate(['INVALID']);
    if (nfacct) r.nfacct(NFACCT_INVALID_DROPPED);
    out.filterRules.push(r.verdict('DROP'));
  }
  out.filterRules.push(
    filter(KUBE_FORWARD)
      .comment('kubernetes forwarding rules', true)
      .mark(masqValue, masqText)
      .verdict('ACCEPT'),
    filter(KUBE_FORWARD)
      .comment('kubernetes forwarding conntrack rule', true)
      .ctstate(['RELATED', 'ESTABLISHED'])
      .verdict('ACCEPT'),
  );
  return out;

  function writeServicePort(svc: ServicePortInfo, allEndpoints: EndpointInfo[]): void {
    const protocol = svc.protocol;
    const name = svc.nameString;
    const {
      clusterEndpoints,
      localEndpoints,
      allReachable,
      hasAnyEndpoints: hasEndpoints,
    } = categorizeEndpoints(allEndpoints, svc);
    const clusterPolicyChain = svc.clusterPolicyChain;
    const usesClusterPolicyChain = clusterEndpoints.length > 0 && usesClusterEndpoints(svc);
    const localPolicyChain = svc.localPolicyChain;
    const usesLocalPolicyChain = localEndpoints.length > 0 && usesLocalEndpoints(svc);

    let internalPolicyChain = clusterPolicyChain;
    let hasInternalEndpoints = hasEndpoints;
    if (svc.internalPolicyLocal) {
      internalPolicyChain = localPolicyChain;
      if (localEndpoints.length === 0) hasInternalEndpoints = false;
    }
    const internalTrafficChain = internalPolicyChain;

    let externalPolicyChain = clusterPolicyChain;
    let hasExternalEndpoints = hasEndpoints;
    if (svc.externalPolicyLocal) {
      externalPolicyChain = localPolicyChain;
      if (localEndpoints.length === 0) hasExternalEndpoints = false;
    }
    const externalTrafficChain = svc.externalChain;
    // Based on hasEndpoints, not hasExternalEndpoints: the short-circuit rules for local traffic
    // are needed even when no endpoint can take external traffic.
    const usesExternalTrafficChain = hasEndpoints && externallyAccessible(svc);

    let loadBalancerTrafficChain = externalTrafficChain;
    const fwChain = svc.firewallChain;
    const usesFWChain =
      hasEndpoints && svc.loadBalancerVIPs.length > 0 && svc.loadBalancerSourceRanges.length > 0;
    if (usesFWChain) loadBalancerTrafficChain = fwChain;

    let internalFilterTarget: 'REJECT' | 'DROP' = 'REJECT';
    let internalFilterComment = '';
    let externalFilterTarget: 'REJECT' | 'DROP' = 'REJECT';
    let externalFilterComment = '';
    if (!hasEndpoints) {
      internalFilterComment = `${name} has no endpoints`;
      externalFilterComment = internalFilterComment;
    } else {
      if (!hasInternalEndpoints) {
        internalFilterTarget = 'DROP';
        internalFilterComment = `${name} has no local endpoints`;
      }
      if (!hasExternalEndpoints) {
        externalFilterTarget = 'DROP';
        externalFilterComment = `${name} has no local endpoints`;
      }
    }

    // Capture the clusterIP.
    if (hasInternalEndpoints) {
      out.natRules.push(
        nat(KUBE_SERVICES)
          .comment(`${name} cluster IP`, true)
          .proto(protocol)
          .dst(svc.clusterIP)
          .dport(svc.port)
          .jump(internalTrafficChain),
      );
    } else {
      out.filterRules.push(
        filter(KUBE_SERVICES)
          .comment(internalFilterComment, true)
          .proto(protocol)
          .dst(svc.clusterIP)
          .dport(svc.port)
          .verdict(internalFilterTarget),
      );
    }

    // Capture externalIPs.
    for (const externalIP of svc.externalIPs) {
      if (hasEndpoints) {
        out.natRules.push(
          nat(KUBE_SERVICES)
            .comment(`${name} external IP`, true)
            .proto(protocol)
            .dst(externalIP)
            .dport(svc.port)
            .jump(externalTrafficChain),
        );
      }
      if (!hasExternalEndpoints) {
        out.filterRules.push(
          filter(KUBE_EXTERNAL_SERVICES)
            .comment(externalFilterComment, true)
            .proto(protocol)
            .dst(externalIP)
            .dport(svc.port)
            .verdict(externalFilterTarget),
        );
      }
    }

    // Capture load-balancer ingress.
    for (const lbip of svc.loadBalancerVIPs) {
      if (hasEndpoints) {
        out.natRules.push(
          nat(KUBE_SERVICES)
            .comment(`${name} loadbalancer IP`, true)
            .proto(protocol)
            .dst(lbip)
            .dport(svc.port)
            .jump(loadBalancerTrafficChain),
        );
      }
      if (usesFWChain) {
        out.filterRules.push(
          filter(KUBE_PROXY_FIREWALL)
            .comment(`${name} traffic not accepted by ${svc.firewallChain}`, true)
            .proto(protocol)
            .dst(lbip)
            .dport(svc.port)
            .verdict('DROP'),
        );
      }
    }
    if (!hasExternalEndpoints) {
      for (const lbip of svc.loadBalancerVIPs) {
        out.filterRules.push(
          filter(KUBE_EXTERNAL_SERVICES)
            .comment(externalFilterComment, true)
            .proto(protocol)
            .dst(lbip)
            .dport(svc.port)
            .verdict(externalFilterTarget),
        );
      }
    }

    // Capture nodeports.
    if (svc.nodePort !== 0) {
      if (hasEndpoints) {
        if (localhostNodePorts && nfacct) {
          out.natRules.push(
            nat(KUBE_NODEPORTS)
              .comment(name, false)
              .proto(protocol)
              .dst('127.0.0.0/8')
              .dport(svc.nodePort)
              .nfacct(NFACCT_LOCALHOST_NODEPORT)
              .jump(externalTrafficChain),
          );
        }
        out.natRules.push(
          nat(KUBE_NODEPORTS)
            .comment(name, false)
            .proto(protocol)
            .dport(svc.nodePort)
            .jump(externalTrafficChain),
        );
      }
      if (!hasExternalEndpoints) {
        out.filterRules.push(
          filter(KUBE_EXTERNAL_SERVICES)
            .comment(externalFilterComment, true)
            .addrtype('dst')
            .proto(protocol)
            .dport(svc.nodePort)
            .verdict(externalFilterTarget),
        );
      }
    }

    // Capture healthCheckNodePorts, whether or not this node has local endpoints.
    if (svc.healthCheckNodePort !== 0) {
      out.filterRules.push(
        filter(KUBE_NODEPORTS)
          .comment(`${name} health check node port`, true)
          .proto('tcp')
          .dport(svc.healthCheckNodePort)
          .verdict('ACCEPT'),
      );
    }

    // Set up internal traffic handling.
    if (hasInternalEndpoints) {
      const r = nat(internalTrafficChain)
        .comment(`${name} cluster IP`, true)
        .proto(protocol)
        .dst(svc.clusterIP)
        .dport(svc.port);
      if (masqueradeAll) {
        out.natRules.push(r.jump(KUBE_MARK_MASQ));
      } else {
        // Masquerade off-cluster traffic to a service VIP: it may have been routed here from
        // outside and could bounce off-node to the endpoint.
        out.natRules.push(r.src(podCIDR, true).jump(KUBE_MARK_MASQ));
      }
    }

    // Set up external traffic handling.
    if (usesExternalTrafficChain) {
      out.natChains.push(externalTrafficChain);
      if (!svc.externalPolicyLocal) {
        // Non-local endpoints may be on another node: masquerade so replies come back here.
        out.natRules.push(
          nat(externalTrafficChain)
            .comment(`masquerade traffic for ${name} external destinations`, true)
            .jump(KUBE_MARK_MASQ),
        );
      } else {
        // Pod traffic to an external destination skips the traffic policy, as if it had gone
        // out to the load balancer and come back.
        out.natRules.push(
          nat(externalTrafficChain)
            .comment(`pod traffic for ${name} external destinations`, true)
            .src(podCIDR)
            .jump(clusterPolicyChain),
        );
        // Host-originated traffic gets the external IP as source, which is local: masquerade it.
        out.natRules.push(
          nat(externalTrafficChain)
            .comment(`masquerade LOCAL traffic for ${name} external destinations`, true)
            .addrtype('src')
            .jump(KUBE_MARK_MASQ),
        );
        out.natRules.push(
          nat(externalTrafficChain)
            .comment(`route LOCAL traffic for ${name} external destinations`, true)
            .addrtype('src')
            .jump(clusterPolicyChain),
        );
      }
      if (hasExternalEndpoints) {
        out.natRules.push(nat(externalTrafficChain).jump(externalPolicyChain));
      }
    }

    // Set up the firewall chain for loadBalancerSourceRanges.
    if (usesFWChain) {
      out.natChains.push(fwChain);
      let allowFromNode = false;
      for (const cidr of svc.loadBalancerSourceRanges) {
        out.natRules.push(
          nat(fwChain).comment(`${name} loadbalancer IP`, true).src(cidr).jump(externalTrafficChain),
        );
        if (cidrContains(cidr, nodeIP)) allowFromNode = true;
      }
      // A VIP bound locally makes node-to-VIP traffic loop back with the VIP as source.
      if (allowFromNode) {
        for (const lbip of svc.loadBalancerVIPs) {
          out.natRules.push(
            nat(fwChain).comment(`${name} loadbalancer IP`, true).src(lbip).jump(externalTrafficChain),
          );
        }
      }
      // A packet reaching the end was not DNATed; KUBE-PROXY-FIREWALL drops it in filter.
      out.natRules.push(
        nat(fwChain)
          .comment(`other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`, true)
          .noTarget(),
      );
    }

    if (usesClusterPolicyChain) {
      out.natChains.push(clusterPolicyChain);
      writeServiceToEndpointRules(svc, clusterPolicyChain, clusterEndpoints);
    }
    if (usesLocalPolicyChain) {
      out.natChains.push(localPolicyChain);
      writeServiceToEndpointRules(svc, localPolicyChain, localEndpoints);
    }

    // Generate the per-endpoint chains.
    for (const ep of allReachable) {
      out.natChains.push(ep.chain);
      const hairpin = nat(ep.chain);
      if (!largeClusterMode) hairpin.comment(name, false);
      // Traffic that loops back to the pod it came from needs SNAT to return through the node.
      out.natRules.push(hairpin.src(ep.ip).jump(KUBE_MARK_MASQ));
      const dnat = nat(ep.chain);
      if (!largeClusterMode) dnat.comment(name, false);
      if (svc.sessionAffinityClientIP) dnat.recentSet(ep.chain);
      out.natRules.push(dnat.proto(protocol).dnat(ep.hostPort));
    }
  }

  function writeServiceToEndpointRules(
    svc: ServicePortInfo,
    svcChain: string,
    endpoints: EndpointInfo[],
  ): void {
    if (svc.sessionAffinityClientIP) {
      for (const ep of endpoints) {
        const r = nat(svcChain);
        if (!largeClusterMode) r.comment(`${svc.nameString} -> ${ep.hostPort}`, true);
        out.natRules.push(r.recentCheck(ep.chain, svc.stickyMaxAgeSeconds).jump(ep.chain));
      }
    }
    const n = endpoints.length;
    endpoints.forEach((ep, i) => {
      const r = nat(svcChain);
      if (!largeClusterMode) r.comment(`${svc.nameString} -> ${ep.hostPort}`, true);
      // Each rule but the last takes its share of what the earlier rules left over.
      if (i < n - 1) r.statistic(computeProbability(n - i));
      out.natRules.push(r.jump(ep.chain));
    });
  }
}
