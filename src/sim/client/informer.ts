import type { ApiServer } from '../apiserver/apiserver';
import type { ObjectFilter } from '../apiserver/list-filter';
import type { KubeObject } from '../api/object';
import type { ComponentId } from '../engine/trace';

export type IndexFunc = (obj: KubeObject) => string[];

export interface EventHandler {
  onAdd?(obj: KubeObject): void;
  onUpdate?(oldObj: KubeObject, newObj: KubeObject): void;
  onDelete?(obj: KubeObject): void;
}

export function objectKey(obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  return ns ? `${ns}/${obj.metadata?.name}` : (obj.metadata?.name ?? '');
}

/** Indexers every controller reaches for: by namespace, node, owner and label. */
export const byNamespace: IndexFunc = (o) =>
  o.metadata?.namespace !== undefined ? [o.metadata.namespace] : [];
export const byNodeName: IndexFunc = (o) => {
  const n = (o.spec as { nodeName?: string } | undefined)?.nodeName;
  return n ? [n] : [];
};
export const byOwnerUid: IndexFunc = (o) => (o.metadata?.ownerReferences ?? []).map((r) => r.uid);
export const byControllerUid: IndexFunc = (o) =>
  (o.metadata?.ownerReferences ?? []).filter((r) => r.controller).map((r) => r.uid);

export interface InformerOptions {
  component: ComponentId;
  resource: string;
  group?: string;
  namespace?: string;
  /** Only objects bound to this node, through the apiserver's node index (the kubelet's pod watch). */
  nodeName?: string;
  filter?: ObjectFilter;
}

/**
 * client-go's SharedIndexInformer: list once, then watch from the list's resourceVersion; keeps a
 * local cache with indexes and calls handlers. Objects in the cache are shared: never mutate them
 * (clone before writing, as with client-go's listers).
 */
export class Informer {
  private readonly items = new Map<string, KubeObject>();
  private readonly indexers = new Map<string, IndexFunc>();
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  private readonly handlers: EventHandler[] = [];
  private unwatch: (() => void) | undefined;
  private synced = false;

  constructor(
    private readonly api: ApiServer,
    readonly opts: InformerOptions,
  ) {}

  addIndexer(name: string, fn: IndexFunc): this {
    this.indexers.set(name, fn);
    this.indexes.set(name, new Map());
    for (const [key, obj] of this.items) this.indexAdd(name, fn, key, obj);
    return this;
  }

  addEventHandler(h: EventHandler): this {
    this.handlers.push(h);
    if (this.synced) for (const obj of this.items.values()) h.onAdd?.(obj);
    return this;
  }

  /** Lists and starts watching. */
  run(): this {
    if (this.unwatch) return this;
    const { items, resourceVersion } = this.api.listInternal(
      this.opts.resource,
      this.opts.group,
      this.opts.namespace,
    );
    const filter = this.opts.filter ?? (() => true);
    const mine = (obj: KubeObject) =>
      (this.opts.nodeName === undefined ||
        (obj.spec as { nodeName?: string } | undefined)?.nodeName === this.opts.nodeName) &&
      filter(obj);
    if (this.synced) {
      // A relist after a stop (a reconnect): replace, telling the handlers what changed meanwhile.
      const seen = new Set<string>();
      for (const obj of items) {
        if (!mine(obj)) continue;
        seen.add(objectKey(obj));
        this.onEvent('MODIFIED', obj);
      }
      for (const [key, old] of [...this.items]) if (!seen.has(key)) this.onEvent('DELETED', old);
    } else {
      for (const obj of items) if (mine(obj)) this.store(obj);
      this.synced = true;
      for (const obj of this.items.values()) for (const h of this.handlers) h.onAdd?.(obj);
    }
    this.unwatch = this.api.watchInternal(
      {
        component: this.opts.component,
        resource: this.opts.resource,
        group: this.opts.group,
        namespace: this.opts.namespace,
        nodeName: this.opts.nodeName,
        filter: this.opts.filter,
        onEvent: (type, obj) => this.onEvent(type, obj),
      },
      resourceVersion,
    );
    return this;
  }

  stop(): void {
    this.unwatch?.();
    this.unwatch = undefined;
  }

  get running(): boolean {
    return this.unwatch !== undefined;
  }

  get(key: string): KubeObject | undefined {
    return this.items.get(key);
  }

  list(): KubeObject[] {
    return [...this.items.values()];
  }

  byIndex(index: string, value: string): KubeObject[] {
    const keys = this.indexes.get(index)?.get(value);
    if (!keys) return [];
    const out: KubeObject[] = [];
    for (const k of keys) out.push(this.items.get(k)!);
    return out;
  }

  get size(): number {
    return this.items.size;
  }

  private onEvent(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KubeObject): void {
    const key = objectKey(obj);
    const old = this.items.get(key);
    if (type === 'DELETED') {
      if (!old) return;
      this.unstore(key, old);
      for (const h of this.handlers) h.onDelete?.(obj);
      return;
    }
    // Events can arrive for an object this informer already saw newer (a relist); keep the newest.
    if (old && Number(old.metadata?.resourceVersion) > Number(obj.metadata?.resourceVersion)) return;
    if (old) this.unstore(key, old);
    this.store(obj);
    for (const h of this.handlers) {
      if (old) h.onUpdate?.(old, obj);
      else h.onAdd?.(obj);
    }
  }

  private store(obj: KubeObject): void {
    const key = objectKey(obj);
    this.items.set(key, obj);
    for (const [name, fn] of this.indexers) this.indexAdd(name, fn, key, obj);
  }

  private unstore(key: string, obj: KubeObject): void {
    this.items.delete(key);
    for (const [name, fn] of this.indexers) {
      const idx = this.indexes.get(name)!;
      for (const v of fn(obj)) {
        const set = idx.get(v);
        set?.delete(key);
        if (set && set.size === 0) idx.delete(v);
      }
    }
  }

  private indexAdd(name: string, fn: IndexFunc, key: string, obj: KubeObject): void {
    const idx = this.indexes.get(name)!;
    for (const v of fn(obj)) {
      let set = idx.get(v);
      if (!set) idx.set(v, (set = new Set()));
      set.add(key);
    }
  }
}
