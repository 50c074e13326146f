import type { Endpoints, Namespace, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { toKube } from './api/object';
import { ApiServer } from './apiserver/apiserver';
import { startCompactor } from './apiserver/compactor';
import { Authenticator, type UserInfo } from './apiserver/authn';
import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS, BOOTSTRAP_CLUSTER_ROLES } from './apiserver/bootstrap-policy';
import type { HttpRequest, HttpResponse } from './apiserver/http';
import { namespaceStrategy } from './apiserver/registry/namespace';
import { podStrategy } from './apiserver/registry/pod';
import { serviceStrategy } from './apiserver/registry/service';
import { workloadStrategy } from './apiserver/registry/workload';
import { Client } from './client/clientset';
import { ControllerManager, controllerManagerUnit } from './controllers/controller-manager';
import { Engine } from './engine/simulation';
import { EtcdStore } from './etcd/store';
import { kubeletExec } from './kubelet/exec';
import { kubeletUnit, registerNodeCommands } from './kubelet/node-commands';
import { NodeMachine } from './kubelet/node-machine';
import { initialNode } from './kubelet/node-registration';
import { installKubeadmAddons } from './kubeadm/addons';
import { NodePortAllocator } from './network/node-port-allocator';
import { KUBERNETES_SERVICE_IP, nodeIPFor, podCidrFor, SERVICE_CIDR } from './network/pod-cidr';
import { ServiceIPAllocator } from './network/service-ip-allocator';
import { etcdctl } from './shell/etcdctl';
import { NodeShell } from './shell/shell';
import { ClusterNetwork } from './network/cluster-network';
import { machineDataplane } from './network/machine-dataplane';
import { podNetwork } from './network/pod-network';
import { SimulatorApi } from './simulator/api';
import { Scheduler, schedulerUnit } from './scheduler/scheduler';
import { systemctl, SystemdUnits } from './shell/systemd';

export interface ClusterOptions {
  seed?: number;
  /** Worker nodes besides the control plane. */
  nodes?: number;
  adminToken?: string;
  hopLatencyMs?: number;
  /** Virtual ms the cluster runs at creation so it starts settled (default ServiceAccounts exist). */
  bootMs?: number;
  workerCpu?: string;
  workerMemory?: string;
  traceCapacity?: number;
}

export const DEFAULT_ADMIN_TOKEN = 'kubesim-admin-token';
const APISERVER_USER: UserInfo = {
  name: 'system:apiserver',
  groups: ['system:masters', 'system:authenticated'],
};
const CONTROL_PLANE_IP = '192.168.49.2';

export interface ClockState {
  now: number;
  time: string;
  speed: number;
  paused: boolean;
}

/**
 * One simulated cluster: etcd, kube-apiserver and the components around them, on one virtual
 * clock. Everything outside reaches it through `handle` — the Kubernetes API and KubeSim's own
 * `/simulator/v1` — exactly as kubectl reaches a real cluster.
 */
export class Cluster {
  readonly engine: Engine;
  readonly etcd: EtcdStore;
  readonly apiserver: ApiServer;
  readonly authenticator: Authenticator;
  readonly shell: NodeShell;
  readonly controllerManager: ControllerManager;
  /** kube-proxy and the netfilter state of every node, cluster DNS, and the packet path. */
  readonly network: ClusterNetwork;
  readonly scheduler: Scheduler;
  /** Units `systemctl` drives on each node (kubelet, control-plane components). */
  readonly systemdUnits = new SystemdUnits();
  readonly adminToken: string;
  readonly nodeNames: string[] = [];
  /** Each node's machine: its container runtime and kubelet. */
  readonly machines = new Map<string, NodeMachine>();
  speed = 1;
  paused = false;
  private readonly simulatorApi: SimulatorApi;
  private readonly nodeIPs = new Map<string, string>();

  constructor(opts: ClusterOptions = {}) {
    const seed = opts.seed ?? 1;
    this.adminToken = opts.adminToken ?? DEFAULT_ADMIN_TOKEN;
    this.engine = new Engine({ seed, hopLatencyMs: opts.hopLatencyMs, traceCapacity: opts.traceCapacity });
    this.etcd = new EtcdStore();
    this.authenticator = new Authenticator(this.adminToken, seed);
    const ips = new ServiceIPAllocator(SERVICE_CIDR, this.engine.random);
    const ports = new NodePortAllocator(this.engine.random);
    this.apiserver = new ApiServer({
      engine: this.engine,
      etcd: this.etcd,
      authenticator: this.authenticator,
      strategies: {
        pods: podStrategy,
        services: serviceStrategy(ips, ports),
        namespaces: namespaceStrategy,
        deployments: workloadStrategy,
        replicasets: workloadStrategy,
        daemonsets: workloadStrategy,
      },
      podLogs: (pod, container, query) =>
        this.machines.get(pod.spec?.nodeName ?? '')?.podLogs(pod, container ?? '', query) ?? '',
      podExec: (pod, container) => {
        const machine = this.machines.get(pod.spec?.nodeName ?? '');
        if (!machine) return `container not found ("${container}")`;
        const source = `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
        return kubeletExec(this.engine, machine, pod, container, podNetwork(this.network, source));
      },
    });
    this.shell = new NodeShell((host) => this.nodeIPs.has(host));
    this.shell.register('etcdctl', (host, args) =>
      host === 'control-plane'
        ? etcdctl(this.etcd, args)
        : { stdout: '', stderr: 'bash: etcdctl: command not found\n', exitCode: 127 },
    );
    this.shell.register('systemctl', systemctl(this.systemdUnits, this.engine));
    this.shell.register('hostname', (host) => ({ stdout: `${host}\n`, stderr: '', exitCode: 0 }));
    registerNodeCommands(this.shell, this.engine, (host) => this.machines.get(host));
    this.systemdUnits.register('kubelet', (host) => {
      const m = this.machines.get(host);
      return m ? kubeletUnit(m, this.nodeIPs.get(host) ?? '') : undefined;
    });
    this.bootstrapApiserver();
    startCompactor(this.engine, this.etcd);
    this.registerNode('control-plane', { cpu: '2', memory: '4Gi', controlPlane: true });
    for (let i = 1; i <= (opts.nodes ?? 3); i++)
      this.registerNode(`node-${i}`, { cpu: opts.workerCpu ?? '4', memory: opts.workerMemory ?? '8Gi' });
    installKubeadmAddons(
      new Client(this.apiserver, {
        user: {
          name: 'kubernetes-admin',
          groups: ['kubeadm:cluster-admins', 'system:masters', 'system:authenticated'],
        },
        component: 'kubectl',
      }),
    );
    this.controllerManager = new ControllerManager(this.engine, this.apiserver);
    this.controllerManager.start();
    const cmService = controllerManagerUnit(this.controllerManager);
    this.systemdUnits.register('kube-controller-manager', (host) =>
      host === 'control-plane' ? cmService : undefined,
    );
    this.scheduler = new Scheduler(this.engine, this.apiserver);
    this.scheduler.start();
    const schedulerService = schedulerUnit(this.scheduler);
    this.systemdUnits.register('kube-scheduler', (host) =>
      host === 'control-plane' ? schedulerService : undefined,
    );
    this.network = new ClusterNetwork(this.engine, this.apiserver);
    this.network.setDataplane(machineDataplane(this.machines));
    this.network.registerShell(this.shell);
    this.network.start();
    this.simulatorApi = new SimulatorApi(this);
    this.engine.advance(opts.bootMs ?? 1000);
  }

  /** The one door: the Kubernetes API and `/simulator/v1`. */
  handle(req: HttpRequest): HttpResponse {
    if (req.path.startsWith('/simulator/v1/')) return this.simulatorApi.handle(req);
    return this.apiserver.handle(req);
  }

  /** Advances the virtual clock by `wallMs` of wall time at the current speed (no-op when paused). */
  tick(wallMs: number): void {
    if (this.paused || wallMs <= 0) return;
    this.engine.advance(Math.round(wallMs * this.speed));
  }

  clock(): ClockState {
    return { now: this.engine.now, time: this.engine.timestamp(), speed: this.speed, paused: this.paused };
  }

  nodeIP(name: string): string | undefined {
    return this.nodeIPs.get(name);
  }

  /** A client acting as `system:apiserver`, for what the apiserver itself maintains. */
  private apiserverClient(): Client {
    return new Client(this.apiserver, { user: APISERVER_USER, component: 'kube-apiserver' });
  }

  /**
   * What kube-apiserver creates for itself at start: the system namespaces, the bootstrap RBAC
   * policy, and the `kubernetes` Service with its endpoints (pkg/controlplane/controller).
   */
  private bootstrapApiserver(): void {
    const c = this.apiserverClient();
    const must = (r: ReturnType<Client['create']>) => {
      if (!r.ok) throw new Error(`bootstrap failed: ${r.error.message}`);
    };
    for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system'])
      must(
        c.create(
          { resource: 'namespaces' },
          toKube({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } } satisfies Namespace),
        ),
      );
    for (const role of BOOTSTRAP_CLUSTER_ROLES)
      must(c.create({ resource: 'clusterroles', group: 'rbac.authorization.k8s.io' }, toKube(role)));
    for (const b of BOOTSTRAP_CLUSTER_ROLE_BINDINGS)
      must(c.create({ resource: 'clusterrolebindings', group: 'rbac.authorization.k8s.io' }, toKube(b)));
    const svc: Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        clusterIP: KUBERNETES_SERVICE_IP,
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
    };
    must(c.create({ resource: 'services', namespace: 'default' }, toKube(svc)));
    const ep: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
      },
      subsets: [
        { addresses: [{ ip: CONTROL_PLANE_IP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
      ],
    };
    must(c.create({ resource: 'endpoints', namespace: 'default' }, toKube(ep)));
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { 'kubernetes.io/service-name': 'kubernetes' },
      },
      addressType: 'IPv4',
      endpoints: [{ addresses: [CONTROL_PLANE_IP], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    };
    must(
      c.create(
        { resource: 'endpointslices', group: 'discovery.k8s.io', namespace: 'default' },
        toKube(slice),
      ),
    );
  }

  /** A kubelet registering its node (POST /api/v1/nodes as `system:node:<name>`). */
  registerNode(
    name: string,
    spec: {
      cpu: string;
      memory: string;
      pods?: number;
      labels?: Record<string, string>;
      taints?: { key: string; value?: string; effect: string }[];
      controlPlane?: boolean;
    },
  ): { ok: true } | { ok: false; message: string } {
    const index = this.nodeNames.length;
    const internalIP = nodeIPFor(index);
    const taints = spec.controlPlane
      ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]
      : (spec.taints ?? []);
    const bootID = this.apiserver.uid();
    const node = initialNode(
      {
        name,
        cpu: spec.cpu,
        memory: spec.memory,
        pods: spec.pods,
        labels: spec.labels,
        taints: taints as never,
        internalIP,
        podCIDR: podCidrFor(index),
        controlPlane: spec.controlPlane,
      },
      this.engine.timestamp(),
      {
        machineID: this.apiserver.uid().replace(/-/g, ''),
        bootID,
        systemUUID: this.apiserver.uid(),
      },
    );
    const kubelet = new Client(this.apiserver, {
      user: { name: `system:node:${name}`, groups: ['system:nodes', 'system:authenticated'] },
      component: `kubelet@${name}`,
    });
    const r = kubelet.create({ resource: 'nodes' }, toKube(node));
    if (!r.ok) return { ok: false, message: r.error.message };
    this.nodeNames.push(name);
    this.nodeIPs.set(name, internalIP);
    const machine = new NodeMachine({
      engine: this.engine,
      apiserver: this.apiserver,
      name,
      ip: internalIP,
      podCIDR: podCidrFor(index),
      controlPlane: !!spec.controlPlane,
      bootID,
      newBootID: () => this.apiserver.uid(),
    });
    this.machines.set(name, machine);
    machine.startKubelet(true);
    return { ok: true };
  }
}

export function createCluster(opts: ClusterOptions = {}): Cluster {
  return new Cluster(opts);
}
