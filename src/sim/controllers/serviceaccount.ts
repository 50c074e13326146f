import type { KubeObject } from '../api/object';
import type { Client } from '../client/clientset';
import type { InformerFactory } from '../client/informer-factory';
import { WorkQueue } from '../client/workqueue';
import type { Engine } from '../engine/simulation';
import type { Controller } from './controller';

/**
 * pkg/controller/serviceaccount: every active namespace has a `default` ServiceAccount; it is
 * recreated if deleted.
 */
export class ServiceAccountsController implements Controller {
  readonly name = 'serviceaccount-controller';
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
      onAdd: (ns) => this.queue.add(ns.metadata!.name!),
      onUpdate: (_o, ns) => this.queue.add(ns.metadata!.name!),
    });
    this.informers.informer('serviceaccounts').addEventHandler({
      onDelete: (sa) => this.queue.add(sa.metadata!.namespace!),
    });
  }

  pause(): void {
    this.queue.pause();
  }

  resume(): void {
    this.queue.resume();
  }

  private sync(namespace: string): void | 'requeue' {
    const ns = this.informers.informer('namespaces').get(namespace);
    if (!ns || ns.metadata?.deletionTimestamp) return;
    if (this.informers.informer('serviceaccounts').get(`${namespace}/default`)) return;
    const sa: KubeObject = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace },
    };
    const r = this.client.create({ resource: 'serviceaccounts', namespace }, sa);
    if (!r.ok && r.error.status.reason !== 'AlreadyExists') return 'requeue';
  }
}
