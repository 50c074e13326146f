import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../apiserver/apiserver';
import type { KubeObject } from '../api/object';
import { byNodeName, Informer } from '../client/informer';
import { InformerFactory } from '../client/informer-factory';
import type { Engine } from '../engine/simulation';
import { KubeProxy } from './kube-proxy';
import { newNodeNetfilter, type NodeNetfilter } from './node-netfilter';
import { RuleCache } from './rule-cache';

const KUBE_PROXY_LABEL = 'k8s-app';
const KUBE_PROXY_APP = 'kube-proxy';

/**
 * Where each node's kube-proxy runs. On a kubeadm cluster it is the node's pod of the
 * `kube-system/kube-proxy` DaemonSet, so the proxy process lives while that pod runs; a cluster
 * without the DaemonSet runs one proxy per node from the moment the node registers (as a
 * systemd-managed kube-proxy would). Each node's kernel tables live here too, beside it.
 */
export class ProxyManager {
  readonly proxies = new Map<string, KubeProxy>();
  readonly netfilters = new Map<string, NodeNetfilter>();
  readonly cache: RuleCache;
  private readonly informers: InformerFactory;
  private readonly nodes: Informer;
  private readonly pods: Informer;
  private readonly daemonSets: Informer;

  constructor(
    private readonly engine: Engine,
    private readonly api: ApiServer,
    clusterCIDR: string,
    private readonly powered: (node: string) => boolean,
  ) {
    this.cache = new RuleCache(clusterCIDR);
    // The supervisor's own view: which nodes exist and where the kube-proxy pods run.
    this.informers = new InformerFactory(api, 'kubelet-supervisor');
    this.nodes = this.informers.informer('nodes');
    this.pods = new Informer(api, {
      component: 'kubelet-supervisor',
      resource: 'pods',
      namespace: 'kube-system',
      filter: (o) => o.metadata?.labels?.[KUBE_PROXY_LABEL] === KUBE_PROXY_APP,
    }).addIndexer('node', byNodeName);
    this.daemonSets = new Informer(api, {
      component: 'kubelet-supervisor',
      resource: 'daemonsets',
      group: 'apps',
      namespace: 'kube-system',
    });
    this.nodes.addEventHandler({
      onAdd: (n) => this.reconcile(n.metadata?.name ?? ''),
      onUpdate: (_o, n) => this.reconcile(n.metadata?.name ?? ''),
      onDelete: (n) => this.removeNode(n.metadata?.name ?? ''),
    });
    const byPod = (p: KubeObject) => {
      const node = (p as Pod).spec?.nodeName;
      if (node) this.reconcile(node);
    };
    this.pods.addEventHandler({ onAdd: byPod, onUpdate: (_o, p) => byPod(p), onDelete: byPod });
    const all = () => {
      for (const n of this.nodes.list()) this.reconcile(n.metadata?.name ?? '');
    };
    this.daemonSets.addEventHandler({ onAdd: all, onDelete: all });
  }

  start(): void {
    this.daemonSets.run();
    this.pods.run();
    this.informers.start();
  }

  get(node: string): KubeProxy | undefined {
    return this.proxies.get(node);
  }

  netfilter(node: string): NodeNetfilter {
    let nf = this.netfilters.get(node);
    if (!nf) this.netfilters.set(node, (nf = newNodeNetfilter(node)));
    return nf;
  }

  private shouldRun(node: string): boolean {
    if (!this.daemonSets.get('kube-system/kube-proxy')) return true;
    return (this.pods.byIndex('node', node) as Pod[]).some(
      (p) =>
        p.status?.phase === 'Running' &&
        !p.metadata?.deletionTimestamp &&
        (p.status.containerStatuses ?? []).some((c) => c.state?.running !== undefined),
    );
  }

  private reconcile(node: string): void {
    const obj = this.nodes.get(node) as Node | undefined;
    if (!obj) return;
    let proxy = this.proxies.get(node);
    if (!proxy) {
      const ip = obj.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
      proxy = new KubeProxy(this.engine, this.api, node, ip, this.netfilter(node), this.cache, () =>
        this.powered(node),
      );
      this.proxies.set(node, proxy);
    }
    const run = this.shouldRun(node);
    if (run && !proxy.running) proxy.start();
    else if (!run && proxy.running) proxy.stop();
  }

  private removeNode(node: string): void {
    this.proxies.get(node)?.stop();
    this.proxies.delete(node);
  }
}
