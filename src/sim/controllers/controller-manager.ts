import type { ApiServer } from '../apiserver/apiserver';
import { Client } from '../client/clientset';
import { InformerFactory } from '../client/informer-factory';
import type { Engine } from '../engine/simulation';
import type { SystemdUnit } from '../shell/systemd';
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
  /** Virtual ms of the last start or stop (systemd's "since"). */
  since = 0;

  constructor(
    private readonly engine: Engine,
    api: ApiServer,
  ) {
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
    this.since = this.engine.now;
    this.informers.start();
    for (const c of this.controllers) c.resume();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.since = this.engine.now;
    for (const c of this.controllers) c.pause();
  }
}

/** The unit `systemctl … kube-controller-manager` drives on the control-plane node. */
export function controllerManagerUnit(cm: ControllerManager): SystemdUnit {
  return {
    description: 'Kubernetes Controller Manager',
    documentation:
      'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/',
    fragmentPath: '/etc/systemd/system/kube-controller-manager.service',
    execStart:
      '/usr/local/bin/kube-controller-manager --authentication-kubeconfig=/etc/kubernetes/controller-manager.conf --authorization-kubeconfig=/etc/kubernetes/controller-manager.conf --bind-address=127.0.0.1 --kubeconfig=/etc/kubernetes/controller-manager.conf --leader-elect=true --use-service-account-credentials=true',
    isActive: () => cm.isRunning,
    since: () => cm.since,
    start: () => cm.start(),
    stop: () => cm.stop(),
  };
}
