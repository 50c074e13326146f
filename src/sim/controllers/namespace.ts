import type { Client } from '../client/clientset';
import type { InformerFactory } from '../client/informer-factory';
import { WorkQueue } from '../client/workqueue';
import type { Engine } from '../engine/simulation';
import { RESOURCES } from '../apiserver/resources';
import type { Controller } from './controller';

/**
 * pkg/controller/namespace: a namespace being deleted is emptied resource by resource; when
 * nothing is left, its `kubernetes` finalizer is removed and the apiserver deletes it.
 */
export class NamespaceController implements Controller {
  readonly name = 'namespace-controller';
  private readonly queue: WorkQueue;

  constructor(
    engine: Engine,
    private readonly client: Client,
    private readonly informers: InformerFactory,
  ) {
    this.queue = new WorkQueue(engine, this.name, (ns) => this.sync(ns));
  }

  setup(): void {
    this.informers.informer('namespaces').addEventHandler({
      onAdd: (ns) => ns.metadata?.deletionTimestamp && this.queue.add(ns.metadata.name!),
      onUpdate: (_o, ns) => ns.metadata?.deletionTimestamp && this.queue.add(ns.metadata.name!),
    });
  }

  pause(): void {
    this.queue.pause();
  }

  resume(): void {
    this.queue.resume();
  }

  private sync(name: string): void | 'requeue' {
    const ns = this.informers.informer('namespaces').get(name);
    if (!ns?.metadata?.deletionTimestamp) return;
    let remaining = 0;
    for (const info of RESOURCES) {
      if (!info.namespaced || !info.etcdPrefix || !info.verbs.includes('list')) continue;
      const list = this.client.apiServer.listInternal(info.resource, info.group, name).items;
      for (const obj of list) {
        remaining++;
        if (!obj.metadata?.deletionTimestamp)
          this.client.delete(
            { resource: info.resource, group: info.group, namespace: name },
            obj.metadata!.name!,
            { propagationPolicy: 'Background' },
          );
      }
    }
    if (remaining > 0) return 'requeue';
    // Only the finalize subresource may change spec.finalizers; with none left the apiserver deletes it.
    const finalized = { ...ns, spec: { finalizers: [] } };
    const r = this.client.update({ resource: 'namespaces' }, finalized, { subresource: 'finalize' });
    if (!r.ok && r.error.code !== 404) return 'requeue';
  }
}
