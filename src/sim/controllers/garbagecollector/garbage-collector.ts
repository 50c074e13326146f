import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../api/object';
import { RESOURCES } from '../../apiserver/resources';
import type { Client } from '../../client/clientset';
import { byOwnerUid, objectKey, type Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import { WorkQueue } from '../../client/workqueue';
import type { Engine } from '../../engine/simulation';
import type { Controller } from '../controller';

/**
 * The resources whose objects own or are owned in KubeSim. Upstream watches every deletable
 * resource through metadata informers; Events, Namespaces and RBAC objects never carry owners here.
 */
const GC_RESOURCES: readonly { resource: string; group: string }[] = [
  { resource: 'pods', group: '' },
  { resource: 'replicasets', group: 'apps' },
  { resource: 'deployments', group: 'apps' },
  { resource: 'daemonsets', group: 'apps' },
  { resource: 'endpointslices', group: 'discovery.k8s.io' },
  { resource: 'endpoints', group: '' },
  { resource: 'services', group: '' },
  { resource: 'configmaps', group: '' },
  { resource: 'secrets', group: '' },
  { resource: 'serviceaccounts', group: '' },
  { resource: 'leases', group: 'coordination.k8s.io' },
  { resource: 'nodes', group: '' },
];

const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';
const ABSENT_OWNER_CACHE_SIZE = 500;
const OWNER_INDEX = 'ownerUid';

interface Identity {
  informer: Informer;
  resource: string;
  group: string;
  key: string;
  namespace: string | undefined;
  name: string;
}

const beingDeleted = (o: KubeObject) => !!o.metadata?.deletionTimestamp;
const hasFinalizer = (o: KubeObject, f: string) => (o.metadata?.finalizers ?? []).includes(f);
const deletingDependents = (o: KubeObject) => beingDeleted(o) && hasFinalizer(o, FOREGROUND);

/** deletionStartsWithFinalizer: the object has just entered deletion with this finalizer. */
function deletionStartsWith(old: KubeObject | undefined, cur: KubeObject, finalizer: string): boolean {
  if (!beingDeleted(cur) || !hasFinalizer(cur, finalizer)) return false;
  return !old || !beingDeleted(old) || !hasFinalizer(old, finalizer);
}

/**
 * pkg/controller/garbagecollector: the ownership graph comes from ownerReferences, kept as an
 * owner-uid index on each informer (dependents of X = objects indexed under X's uid) plus a uid →
 * object map. Dependents whose owners are all gone are deleted (background cascading); an owner
 * deleted in the foreground keeps its `foregroundDeletion` finalizer until its blocking dependents
 * are gone; an owner deleted with `orphan` has the references to it removed from its dependents.
 */
export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector-controller';
  private readonly informers: Informer[] = [];
  private readonly uids = new Map<string, Identity>();
  private readonly absentOwners = new Set<string>();
  private readonly attemptToDelete: WorkQueue;
  private readonly attemptToOrphan: WorkQueue;

  constructor(
    engine: Engine,
    private readonly client: Client,
    private readonly factory: InformerFactory,
  ) {
    this.attemptToDelete = new WorkQueue(engine, `${this.name}-attempt-to-delete`, (uid) =>
      this.attemptToDeleteItem(uid),
    );
    this.attemptToOrphan = new WorkQueue(engine, `${this.name}-attempt-to-orphan`, (uid) =>
      this.orphanDependents(uid),
    );
  }

  setup(): void {
    for (const { resource, group } of GC_RESOURCES) {
      const inf = this.factory.informer(resource, group).addIndexer(OWNER_INDEX, byOwnerUid);
      this.informers.push(inf);
      inf.addEventHandler({
        onAdd: (o) => this.added(inf, resource, group, o),
        onUpdate: (old, o) => this.updated(old, o),
        onDelete: (o) => this.deleted(o),
      });
    }
  }

  pause(): void {
    this.attemptToDelete.pause();
    this.attemptToOrphan.pause();
  }

  resume(): void {
    this.attemptToDelete.resume();
    this.attemptToOrphan.resume();
  }

  // ------------------------------------------------------------------ the graph

  private added(inf: Informer, resource: string, group: string, o: KubeObject): void {
    const uid = o.metadata?.uid;
    if (!uid) return;
    this.uids.set(uid, {
      informer: inf,
      resource,
      group,
      key: objectKey(o),
      namespace: o.metadata?.namespace,
      name: o.metadata!.name!,
    });
    this.absentOwners.delete(uid);
    // An owner we have never seen may not exist: verify (upstream's virtual node).
    if ((o.metadata?.ownerReferences ?? []).some((r) => !this.uids.has(r.uid))) this.attemptToDelete.add(uid);
    this.processTransitions(undefined, o);
  }

  private updated(old: KubeObject, o: KubeObject): void {
    const uid = o.metadata!.uid!;
    const before = new Set((old.metadata?.ownerReferences ?? []).map((r) => r.uid));
    const after = o.metadata?.ownerReferences ?? [];
    if (after.some((r) => !before.has(r.uid) && !this.uids.has(r.uid))) this.attemptToDelete.add(uid);
    // A dependent that let go of a foreground-deleting owner may have been the one it waited for.
    const now = new Set(after.map((r) => r.uid));
    for (const ownerUid of before) if (!now.has(ownerUid)) this.recheckOwner(ownerUid);
    this.processTransitions(old, o);
  }

  private deleted(o: KubeObject): void {
    const uid = o.metadata?.uid;
    if (!uid) return;
    const cur = this.uids.get(uid);
    if (cur?.key === objectKey(o)) this.uids.delete(uid);
    for (const dep of this.dependents(uid)) this.attemptToDelete.add(dep.metadata!.uid!);
    for (const r of o.metadata?.ownerReferences ?? []) this.recheckOwner(r.uid);
  }

  private recheckOwner(ownerUid: string): void {
    const owner = this.objectOf(ownerUid);
    if (owner && deletingDependents(owner)) this.attemptToDelete.add(ownerUid);
  }

  private processTransitions(old: KubeObject | undefined, o: KubeObject): void {
    const uid = o.metadata!.uid!;
    if (deletionStartsWith(old, o, ORPHAN)) this.attemptToOrphan.add(uid);
    if (deletionStartsWith(old, o, FOREGROUND)) {
      for (const dep of this.dependents(uid)) this.attemptToDelete.add(dep.metadata!.uid!);
      this.attemptToDelete.add(uid);
    }
  }

  private dependents(uid: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const inf of this.informers) for (const d of inf.byIndex(OWNER_INDEX, uid)) out.push(d);
    return out;
  }

  private objectOf(uid: string): KubeObject | undefined {
    const id = this.uids.get(uid);
    const o = id?.informer.get(id.key);
    return o?.metadata?.uid === uid ? o : undefined;
  }

  // ------------------------------------------------------------------ owners

  /** Whether an owner exists: the caches first, then the absent-owner cache, then a live GET. */
  private ownerState(ref: OwnerReference, namespace: string | undefined): 'absent' | 'unknown' | KubeObject {
    const cached = this.objectOf(ref.uid);
    if (cached) return cached;
    if (this.absentOwners.has(ref.uid)) return 'absent';
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
    const info = RESOURCES.find((r) => r.kind === ref.kind && r.group === group && r.etcdPrefix);
    // An owner of a kind this apiserver does not serve cannot be checked: leave the dependent alone.
    if (!info) return 'unknown';
    const r = this.client.get(
      { resource: info.resource, group, namespace: info.namespaced ? namespace : undefined },
      ref.name,
    );
    if (r.ok && r.object.metadata?.uid === ref.uid) return r.object;
    if (!r.ok && r.error.code !== 404) return 'unknown';
    this.absentOwners.add(ref.uid);
    if (this.absentOwners.size > ABSENT_OWNER_CACHE_SIZE)
      this.absentOwners.delete(this.absentOwners.values().next().value as string);
    return 'absent';
  }

  // ------------------------------------------------------------------ workers

  private attemptToDeleteItem(uid: string): void | 'requeue' {
    const item = this.objectOf(uid);
    if (!item) return;
    if (beingDeleted(item) && !hasFinalizer(item, FOREGROUND)) return;
    if (deletingDependents(item)) return this.processDeletingDependents(item);
    const refs = item.metadata?.ownerReferences ?? [];
    if (refs.length === 0) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const s = this.ownerState(ref, item.metadata?.namespace);
      if (s === 'unknown') solid.push(ref);
      else if (s === 'absent') dangling.push(ref);
      else if (deletingDependents(s)) waiting.push(ref);
      else solid.push(ref);
    }
    const id = this.uids.get(uid)!;
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      // Still owned by someone: only the references to gone or going owners are dropped.
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      return this.removeOwnerRefs(id, item, drop) ? undefined : 'requeue';
    }
    if (waiting.length > 0 && this.dependents(uid).length > 0) {
      // Its owner waits for it, and it has dependents of its own: they go first.
      return this.deleteObject(id, item, 'Foreground');
    }
    const policy = hasFinalizer(item, ORPHAN)
      ? 'Orphan'
      : hasFinalizer(item, FOREGROUND)
        ? 'Foreground'
        : 'Background';
    return this.deleteObject(id, item, policy);
  }

  /** An owner deleting in the foreground waits for the dependents that block it, then lets go. */
  private processDeletingDependents(owner: KubeObject): void | 'requeue' {
    const uid = owner.metadata!.uid!;
    const blocking = this.dependents(uid).filter((d) =>
      (d.metadata?.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion),
    );
    if (blocking.length === 0) return this.removeFinalizer(uid, FOREGROUND) ? undefined : 'requeue';
    for (const d of blocking) if (!deletingDependents(d)) this.attemptToDelete.add(d.metadata!.uid!);
  }

  private orphanDependents(uid: string): void | 'requeue' {
    const owner = this.objectOf(uid);
    if (!owner || !beingDeleted(owner) || !hasFinalizer(owner, ORPHAN)) return;
    for (const dep of this.dependents(uid)) {
      const id = this.uids.get(dep.metadata!.uid!);
      if (id && !this.removeOwnerRefs(id, dep, new Set([uid]))) return 'requeue';
    }
    return this.removeFinalizer(uid, ORPHAN) ? undefined : 'requeue';
  }

  private deleteObject(id: Identity, item: KubeObject, policy: string): void | 'requeue' {
    const r = this.client.delete(
      { resource: id.resource, group: id.group, namespace: id.namespace },
      id.name,
      { propagationPolicy: policy, preconditions: { uid: item.metadata!.uid! } },
      `DELETE ${id.resource}/${id.name} (garbage collection, ${policy})`,
    );
    if (!r.ok && r.error.code !== 404 && r.error.code !== 409) return 'requeue';
  }

  /** Drops the references to `ownerUids`, with the object's resourceVersion so a concurrent write is not lost. */
  private removeOwnerRefs(id: Identity, item: KubeObject, ownerUids: Set<string>): boolean {
    let cur: KubeObject | undefined = item;
    for (let attempt = 0; attempt < 5; attempt++) {
      if (!cur) {
        const g = this.client.get(
          { resource: id.resource, group: id.group, namespace: id.namespace },
          id.name,
        );
        if (!g.ok) return g.error.code === 404;
        cur = g.object;
      }
      const refs = cur.metadata?.ownerReferences ?? [];
      const keep = refs.filter((r) => !ownerUids.has(r.uid));
      if (keep.length === refs.length) return true;
      const r = this.client.patch(
        { resource: id.resource, group: id.group, namespace: id.namespace },
        id.name,
        'application/merge-patch+json',
        {
          metadata: {
            resourceVersion: cur.metadata?.resourceVersion,
            ownerReferences: keep.length ? keep : null,
          },
        },
        { summary: `PATCH ${id.resource}/${id.name} (remove ownerReferences)` },
      );
      if (r.ok || r.error.code === 404) return true;
      if (r.error.code !== 409) return false;
      cur = undefined;
    }
    return false;
  }

  private removeFinalizer(uid: string, finalizer: string): boolean {
    const id = this.uids.get(uid);
    if (!id) return true;
    const target = { resource: id.resource, group: id.group, namespace: id.namespace };
    for (let attempt = 0; attempt < 5; attempt++) {
      const g = this.client.get(target, id.name);
      if (!g.ok) return g.error.code === 404;
      const o = g.object;
      if (o.metadata?.uid !== uid || !hasFinalizer(o, finalizer)) return true;
      const next = structuredClone(o);
      next.metadata!.finalizers = (o.metadata?.finalizers ?? []).filter((f) => f !== finalizer);
      const r = this.client.update(target, next, {
        summary: `PUT ${id.resource}/${id.name} (remove finalizer ${finalizer})`,
      });
      if (r.ok || r.error.code === 404) return true;
      if (r.error.code !== 409) return false;
    }
    return false;
  }
}
