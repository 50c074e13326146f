import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../apiserver/apiserver';
import type { KubeObject } from '../api/object';
import type { Informer } from '../client/informer';
import { InformerFactory } from '../client/informer-factory';
import { cidrContains, parseCidr, type Cidr } from './ipv4';

export interface PodRef {
  namespace: string;
  name: string;
  node: string;
  ip: string;
  phase: string;
}

/**
 * The pod network's routing view (what flannel programs on every node from the Node objects):
 * each node's pod CIDR is reached through its InternalIP. Pods are indexed by IP so a packet's
 * endpoints can be named on the trace.
 */
export class Routes {
  private readonly informers: InformerFactory;
  private readonly nodes: Informer;
  private readonly pods: Informer;
  private readonly cidrs = new Map<string, Cidr>();

  constructor(api: ApiServer) {
    this.informers = new InformerFactory(api, 'flannel');
    this.nodes = this.informers.informer('nodes').addIndexer('internal-ip', (o) => {
      const ip = internalIP(o as Node);
      return ip ? [ip] : [];
    });
    this.pods = this.informers.informer('pods').addIndexer('pod-ip', (o) => {
      const ip = (o as Pod).status?.podIP;
      return ip && !(o as Pod).spec?.hostNetwork ? [ip] : [];
    });
    const track = (n: KubeObject) => {
      const cidr = (n as Node).spec?.podCIDR;
      if (cidr) this.cidrs.set(n.metadata?.name ?? '', parseCidr(cidr));
    };
    this.nodes.addEventHandler({
      onAdd: track,
      onUpdate: (_o, n) => track(n),
      onDelete: (n) => this.cidrs.delete(n.metadata?.name ?? ''),
    });
  }

  start(): void {
    this.informers.start();
  }

  /** The node whose pod CIDR holds `ip`. */
  nodeForPodIP(ip: string): string | undefined {
    for (const [node, cidr] of this.cidrs) if (cidrContains(cidr, ip)) return node;
    return undefined;
  }

  /** The node whose InternalIP is `ip`. */
  nodeForIP(ip: string): string | undefined {
    return this.nodes.byIndex('internal-ip', ip)[0]?.metadata?.name;
  }

  nodeIP(node: string): string | undefined {
    const n = this.nodes.get(node) as Node | undefined;
    return n ? internalIP(n) : undefined;
  }

  hasNode(node: string): boolean {
    return this.nodes.get(node) !== undefined;
  }

  podCIDR(node: string): string | undefined {
    return this.cidrs.get(node)?.text;
  }

  podByIP(ip: string): PodRef | undefined {
    const live = (this.pods.byIndex('pod-ip', ip) as Pod[]).filter((p) => !isFinished(p));
    const p = live[0];
    return p ? podRef(p) : undefined;
  }

  pod(namespace: string, name: string): PodRef | undefined {
    const p = this.pods.get(`${namespace}/${name}`) as Pod | undefined;
    return p ? podRef(p) : undefined;
  }
}

function internalIP(n: Node): string | undefined {
  return n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

function isFinished(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

function podRef(p: Pod): PodRef {
  return {
    namespace: p.metadata?.namespace ?? '',
    name: p.metadata?.name ?? '',
    node: p.spec?.nodeName ?? '',
    ip: p.status?.podIP ?? '',
    phase: p.status?.phase ?? 'Pending',
  };
}
