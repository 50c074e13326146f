import type { ApiServer } from '../apiserver/apiserver';
import { Client } from '../client/clientset';
import { InformerFactory } from '../client/informer-factory';
import type { Engine } from '../engine/simulation';
import type { Controller } from './controller';
import { NamespaceController } from './namespace';
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
