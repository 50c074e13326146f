import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ApiServer } from '../apiserver/apiserver';
import type { KubeObject } from '../api/object';
import type { Informer } from '../client/informer';
import { InformerFactory } from '../client/informer-factory';
import { slicesByServiceIndex } from '../controllers/endpointslice/endpointslice-controller';
import type { Engine } from '../engine/simulation';
import { conntrackExpire } from './iptables/conntrack';
import type { Tables } from './iptables/model';
import { ContentFingerprint } from './fingerprint';
import type { NodeNetfilter } from './node-netfilter';
import type { ProxyView, RuleCache } from './rule-cache';
import { SyncRunner } from './sync-runner';
import { rulesChanged, type TablesDiff } from './table-diff';

export interface SyncRecord {
  /** Virtual time of the sync. */
  at: number;
  diff: TablesDiff;
  rulesChanged: number;
}

const BY_SERVICE = 'kube-proxy-service';

/**
 * kube-proxy in iptables mode on one node (cmd/kube-proxy, pkg/proxy/iptables): it watches
 * Services and EndpointSlices through the API and, a moment after each change, restores the
 * node's `nat` and `filter` tables. It runs as the node's kube-proxy pod would; stopping it
 * (the pod gone, the node off) freezes the tables as they were — the kernel keeps them.
 */
export class KubeProxy {
  readonly component: string;
  lastSync: SyncRecord | undefined;
  syncs = 0;
  private informers: InformerFactory | undefined;
  private services: Informer | undefined;
  private slices: Informer | undefined;
  private svcPrint = new ContentFingerprint();
  private slicePrint = new ContentFingerprint();
  private readonly runner: SyncRunner;

  constructor(
    private readonly engine: Engine,
    private readonly api: ApiServer,
    readonly node: string,
    readonly nodeIP: string,
    readonly netfilter: NodeNetfilter,
    private readonly cache: RuleCache,
    /** Whether the machine has power: a dead machine runs no process, so no sync happens. */
    private readonly powered: () => boolean = () => true,
  ) {
    this.component = `kube-proxy@${node}`;
    this.runner = new SyncRunner(engine, `${this.component} syncProxyRules`, () => this.sync());
  }

  get running(): boolean {
    return this.informers !== undefined;
  }

  start(): void {
    if (this.informers) return;
    this.svcPrint = new ContentFingerprint();
    this.slicePrint = new ContentFingerprint();
    this.informers = new InformerFactory(this.api, this.component);
    this.services = this.informers.informer('services');
    this.slices = this.informers.informer('endpointslices', 'discovery.k8s.io');
    this.slices.addIndexer(BY_SERVICE, slicesByServiceIndex);
    const track = (print: ContentFingerprint) => ({
      onAdd: (o: KubeObject) => {
        print.set(o);
        this.runner.run();
      },
      onUpdate: (_old: KubeObject, o: KubeObject) => {
        print.set(o);
        this.runner.run();
      },
      onDelete: (o: KubeObject) => {
        print.remove(o);
        this.runner.run();
      },
    });
    this.services.addEventHandler(track(this.svcPrint));
    this.slices.addEventHandler(track(this.slicePrint));
    this.informers.start();
    // The first sync happens even with nothing to proxy: it installs the base chains.
    this.runner.run();
  }

  stop(): void {
    this.runner.stop();
    this.informers?.stop();
    this.informers = undefined;
  }

  private view(): ProxyView {
    const services = this.services!;
    const slices = this.slices!;
    return {
      fingerprint: `${this.svcPrint.value}|${this.slicePrint.value}`,
      services: () => services.list() as Service[],
      endpointSlices: () => slices.list() as unknown as EndpointSlice[],
      slicesOf: (key) => slices.byIndex(BY_SERVICE, key) as unknown as EndpointSlice[],
    };
  }

  /** `syncProxyRules`: compute the full ruleset and restore it if it differs. */
  private sync(): void {
    if (!this.informers || !this.powered()) return;
    const prev: Tables = this.netfilter.tables;
    const next = this.cache.tablesFor(this.view(), this.node, this.nodeIP);
    const diff = this.cache.diff(prev, next);
    this.syncs++;
    const changed = rulesChanged(diff);
    this.netfilter.tables = next;
    this.lastSync = { at: this.engine.now, diff, rulesChanged: changed };
    conntrackExpire(this.netfilter.conntrack, this.engine.now);
    this.engine.record({
      from: this.component,
      to: `node@${this.node}`,
      kind: 'sync',
      summary: `iptables-restore: ${changed} rules changed`,
    });
  }
}
