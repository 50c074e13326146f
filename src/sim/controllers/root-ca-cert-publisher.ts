import type { KubeObject } from '../api/object';
import type { Client } from '../client/clientset';
import type { InformerFactory } from '../client/informer-factory';
import { WorkQueue } from '../client/workqueue';
import type { Engine } from '../engine/simulation';
import type { Controller } from './controller';

/** The cluster CA as kube-controller-manager publishes it; KubeSim's is a placeholder, not a real certificate. */
export const CLUSTER_CA_PEM =
  '-----BEGIN CERTIFICATE-----\nS3ViZVNpbSBzaW11bGF0ZWQgY2x1c3RlciBDQSAoZm9yIHRlYWNoaW5nIG9ubHkp\n-----END CERTIFICATE-----\n';

/** pkg/controller/certificates/rootcacertpublisher: a `kube-root-ca.crt` ConfigMap in every namespace. */
export class RootCACertPublisher implements Controller {
  readonly name = 'root-ca-certificate-publisher-controller';
  private readonly queue: WorkQueue;

  constructor(
    engine: Engine,
    private readonly client: Client,
    private readonly informers: InformerFactory,
  ) {
    this.queue = new WorkQueue(engine, this.name, (ns) => this.sync(ns));
  }

  setup(): void {
    this.informers
      .informer('namespaces')
      .addEventHandler({ onAdd: (ns) => this.queue.add(ns.metadata!.name!) });
    this.informers.informer('configmaps').addEventHandler({
      onDelete: (cm) => cm.metadata?.name === 'kube-root-ca.crt' && this.queue.add(cm.metadata.namespace!),
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
    if (this.informers.informer('configmaps').get(`${namespace}/kube-root-ca.crt`)) return;
    const cm: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'kube-root-ca.crt',
        namespace,
        annotations: {
          'kubernetes.io/description':
            'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
        },
      },
      data: { 'ca.crt': CLUSTER_CA_PEM },
    };
    const r = this.client.create({ resource: 'configmaps', namespace }, cm);
    if (!r.ok && r.error.status.reason !== 'AlreadyExists') return 'requeue';
  }
}
