import type { KubeObject } from '../api/object';
import type { EtcdStore } from '../etcd/store';
import type { WatchEvent as EtcdEvent } from '../etcd/types';
import type { ResourceInfo } from './resources';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A decoded change to one object, shared read-only by every watcher (never mutate `object`). */
export interface CacheEvent {
  type: WatchEventType;
  object: KubeObject;
  prevObject?: KubeObject;
  revision: number;
}

export interface CacheWatcher {
  namespace?: string;
  /** For pods: only events for this node (spec.nodeName), dispatched through an index. */
  nodeName?: string;
  filter: (obj: KubeObject) => boolean;
  deliver: (type: WatchEventType, obj: KubeObject, ev: CacheEvent) => void;
}

const HISTORY = 20_000;

/**
 * The apiserver's watch cache for one etcd prefix: the live objects decoded once, indexes by
 * namespace and node, and a window of recent events so a watch can resume from a resourceVersion.
 * Cost per event is the number of interested watchers, not the number of watchers.
 */
export class WatchCache {
  readonly objects = new Map<string, KubeObject>();
  private byNamespace = new Map<string, Set<string>>();
  private byNode = new Map<string, Set<string>>();
  private history: CacheEvent[] = [];
  private watchers = new Set<CacheWatcher>();
  private nodeWatchers = new Map<string, Set<CacheWatcher>>();
  private oldestRevision: number;

  constructor(
    readonly info: ResourceInfo,
    etcd: EtcdStore,
  ) {
    const prefix = info.etcdPrefix + '/';
    for (const kv of etcd.range(prefix).kvs) this.store(kv.key, decode(kv.value, kv.modRevision));
    this.oldestRevision = etcd.revision;
    etcd.watch(prefix, (ev) => this.onEtcdEvent(ev));
  }

  get(key: string): KubeObject | undefined {
    return this.objects.get(key);
  }

  /** Objects of a namespace (or all), in key order as etcd would return them. */
  list(namespace?: string): KubeObject[] {
    const keys =
      namespace !== undefined && this.info.namespaced
        ? [...(this.byNamespace.get(namespace) ?? [])]
        : [...this.objects.keys()];
    keys.sort();
    return keys.map((k) => this.objects.get(k)!);
  }

  /** Pods bound to a node (the kubelet's and scheduler's view), via the index. */
  listByNode(node: string): KubeObject[] {
    return [...(this.byNode.get(node) ?? [])].sort().map((k) => this.objects.get(k)!);
  }

  get size(): number {
    return this.objects.size;
  }

  /**
   * Adds a watcher. With `fromRevision`, replays the events after it first; returns false when that
   * revision is older than the window held (the client gets 410 Gone and must relist).
   */
  watch(w: CacheWatcher, fromRevision?: number): (() => void) | undefined {
    if (fromRevision !== undefined) {
      if (fromRevision < this.oldestRevision - 1) return undefined;
      for (const ev of this.history) if (ev.revision > fromRevision) this.dispatchTo(w, ev);
    }
    if (w.nodeName !== undefined) {
      let set = this.nodeWatchers.get(w.nodeName);
      if (!set) this.nodeWatchers.set(w.nodeName, (set = new Set()));
      set.add(w);
      return () => set!.delete(w);
    }
    this.watchers.add(w);
    return () => this.watchers.delete(w);
  }

  private onEtcdEvent(ev: EtcdEvent): void {
    const key = ev.kv.key;
    const prev = this.objects.get(key);
    let cacheEvent: CacheEvent;
    if (ev.type === 'PUT') {
      const obj = decode(ev.kv.value, ev.kv.modRevision);
      this.unstore(key, prev);
      this.store(key, obj);
      cacheEvent = {
        type: prev ? 'MODIFIED' : 'ADDED',
        object: obj,
        prevObject: prev,
        revision: ev.revision,
      };
    } else {
      if (!prev) return;
      this.unstore(key, prev);
      // A deleted object is reported with the resourceVersion of the delete, as upstream does.
      const gone = { ...prev, metadata: { ...prev.metadata, resourceVersion: String(ev.revision) } };
      cacheEvent = { type: 'DELETED', object: gone, prevObject: prev, revision: ev.revision };
    }
    this.history.push(cacheEvent);
    if (this.history.length > HISTORY) {
      const cut = this.history.length - HISTORY / 2;
      this.oldestRevision = this.history[cut].revision;
      this.history.splice(0, cut);
    }
    for (const w of this.watchers) this.dispatchTo(w, cacheEvent);
    const nodes = new Set<string>();
    const newNode = nodeOf(cacheEvent.object);
    const oldNode = cacheEvent.prevObject ? nodeOf(cacheEvent.prevObject) : '';
    if (newNode) nodes.add(newNode);
    if (oldNode) nodes.add(oldNode);
    for (const n of nodes) for (const w of this.nodeWatchers.get(n) ?? []) this.dispatchTo(w, cacheEvent);
  }

  /** Applies the watcher's filter the way the apiserver does: an object leaving the filter is DELETED for it. */
  private dispatchTo(w: CacheWatcher, ev: CacheEvent): void {
    const cur = ev.object;
    const prev = ev.prevObject;
    const inNs = (o: KubeObject | undefined): boolean =>
      !!o && (w.namespace === undefined || o.metadata?.namespace === w.namespace);
    const inNode = (o: KubeObject | undefined): boolean =>
      !!o && (w.nodeName === undefined || nodeOf(o) === w.nodeName);
    const matchCur = ev.type !== 'DELETED' && inNs(cur) && inNode(cur) && w.filter(cur);
    const matchPrev = !!prev && inNs(prev) && inNode(prev) && w.filter(prev);
    if (ev.type === 'DELETED') {
      if (matchPrev) w.deliver('DELETED', cur, ev);
    } else if (matchCur && matchPrev) w.deliver('MODIFIED', cur, ev);
    else if (matchCur) w.deliver('ADDED', cur, ev);
    else if (matchPrev) w.deliver('DELETED', cur, ev);
  }

  private store(key: string, obj: KubeObject): void {
    this.objects.set(key, obj);
    const ns = obj.metadata?.namespace;
    if (ns !== undefined) addTo(this.byNamespace, ns, key);
    const node = nodeOf(obj);
    if (node) addTo(this.byNode, node, key);
  }

  private unstore(key: string, obj: KubeObject | undefined): void {
    if (!obj) return;
    this.objects.delete(key);
    const ns = obj.metadata?.namespace;
    if (ns !== undefined) this.byNamespace.get(ns)?.delete(key);
    const node = nodeOf(obj);
    if (node) this.byNode.get(node)?.delete(key);
  }
}

function addTo(index: Map<string, Set<string>>, k: string, key: string): void {
  let set = index.get(k);
  if (!set) index.set(k, (set = new Set()));
  set.add(key);
}

function nodeOf(obj: KubeObject): string {
  const spec = obj.spec as { nodeName?: string } | undefined;
  return obj.kind === 'Pod' || spec?.nodeName !== undefined ? (spec?.nodeName ?? '') : '';
}

/** etcd holds the object without its resourceVersion; the mod revision is its resourceVersion. */
function decode(value: string, modRevision: number): KubeObject {
  const obj = JSON.parse(value) as KubeObject;
  obj.metadata = { ...obj.metadata, resourceVersion: String(modRevision) };
  return obj;
}
