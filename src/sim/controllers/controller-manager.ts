import type { ApiServer } from '../apiserver/apiserver';
import { Client } from '../client/clientset';
import { InformerFactory } from '../client/informer-factory';
import type { Engine } from '../engine/simulation';
import type { Controller } from './controller';
import { DaemonSetsController } from './daemonset/daemonset-controller';
import { EndpointsController } from './endpoints/endpoints-controller';
import { EndpointSliceController } from './endpointslice/endpointslice-controller';
import { GarbageCollector } from './garbagecollector/garbage-collector';
import { DeploymentController } from './deployment/deployment-controller';
import { NamespaceController } from './namespace';
import { ReplicaSetController } from './replicaset/replica-set-controller';
import { NodeLifecycleController } from './nodelifecycle/node-lifecycle-controller';
import { TaintEvictionController } from './nodelifecycle/taint-eviction';
import { RootCACertPublisher } from './root-ca-cert-publisher';
import { ServiceAccountsController } from './serviceaccount';

/**
 * kube-controller-manager: one process, one identity, one set of shared informers, many control
 * loops. Stopping it stops every loop; nothing else in the cluster notices until it should have.
 */
export class ControllerManager {
  readonly informers: InformerFactory;
  readonly client: Client;
  readonly controllers: Controller[];
  private running = false;

  constructor(engine: Engine, api: ApiServer) {
    this.client = new Client(api, {
      user: { name: 'system:kube-controller-manager', groups: ['system:authenticated'] },
      component: 'kube-controller-manager',
    });
    this.informers = new InformerFactory(api, 'kube-controller-manager');
    this.controllers = [
      new ServiceAccountsController(engine, this.client, this.informers),
      new RootCACertPublisher(engine, this.client, this.informers),
      new NamespaceController(engine, this.client, this.informers),
      new DeploymentController(engine, this.client, this.informers),
      new ReplicaSetController(engine, this.client, this.informers),
      new NodeLifecycleController(engine, this.client, this.informers),
      new TaintEvictionController(engine, this.client, this.informers),
      new DaemonSetsController(engine, this.client, this.informers),
      new GarbageCollector(engine, this.client, this.informers),
      new EndpointSliceController(engine, this.client, this.informers),
      new EndpointsController(engine, this.client, this.informers),
    ];
    for (const c of this.controllers) c.setup();
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.informers.start();
    for (const c of this.controllers) c.resume();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    for (const c of this.controllers) c.pause();
  }
}
