import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../apiserver/apiserver';
import { errors, type ApiError } from '../apiserver/status';
import type { Engine } from '../engine/simulation';
import { ContainerRuntime } from './container-runtime';
import { Kubelet } from './kubelet';
import { controlPlaneImages } from './static-pods';

export interface NodeMachineOptions {
  engine: Engine;
  apiserver: ApiServer;
  name: string;
  ip: string;
  podCIDR: string;
  controlPlane: boolean;
  bootID: string;
  /** A fresh boot id when the machine powers on again. */
  newBootID: () => string;
}

/** systemd's view of a unit: active since when, and the main PID it runs. */
export interface UnitState {
  active: boolean;
  since: number;
  pid: number;
  /** When it last became active (for `Duration:` after a stop). */
  activeSince: number;
}

/**
 * One node as a machine: its container runtime and its kubelet, both subject to power. The
 * kubelet is a process systemd can stop and start; `poweroff` takes everything down, and power
 * on boots a new kernel (new boot id) with an empty runtime and a kubelet starting afresh.
 */
export class NodeMachine {
  runtime: ContainerRuntime;
  kubelet: Kubelet | undefined;
  bootID: string;
  powered = true;
  /** The node's network link (`ip link set eth0 down` cuts it: a partition from the rest). */
  linkUp = true;
  readonly kubeletUnit: UnitState;
  private nextPid = 700;

  constructor(private readonly opts: NodeMachineOptions) {
    this.bootID = opts.bootID;
    this.runtime = this.newRuntime();
    this.kubeletUnit = { active: false, since: opts.engine.now, pid: 0, activeSince: opts.engine.now };
  }

  get name(): string {
    return this.opts.name;
  }

  private newRuntime(): ContainerRuntime {
    const preload = [
      'registry.k8s.io/kube-proxy:v1.32.0',
      ...(this.opts.controlPlane ? controlPlaneImages() : []),
    ];
    if (this.opts.controlPlane) preload.push('registry.k8s.io/coredns/coredns:v1.11.3');
    return new ContainerRuntime(this.opts.engine, this.opts.name, this.opts.podCIDR, this.opts.ip, preload);
  }

  startKubelet(firstStart = false): void {
    if (!this.powered || this.kubelet?.isRunning) return;
    this.kubelet = new Kubelet({
      engine: this.opts.engine,
      apiserver: this.opts.apiserver,
      runtime: this.runtime,
      nodeName: this.opts.name,
      nodeIP: this.opts.ip,
      bootID: this.bootID,
      firstStart,
      controlPlane: this.opts.controlPlane,
      reachable: () => this.linkUp,
    });
    this.kubeletUnit.active = true;
    this.kubeletUnit.since = this.opts.engine.now;
    this.kubeletUnit.activeSince = this.opts.engine.now;
    this.kubeletUnit.pid = this.nextPid += 37;
    this.kubelet.start();
    if (!this.linkUp) this.kubelet.setReachable(false);
  }

  stopKubelet(): void {
    this.kubelet?.stop();
    if (this.kubeletUnit.active) {
      this.kubeletUnit.active = false;
      this.kubeletUnit.since = this.opts.engine.now;
    }
  }

  /** Cuts or restores the node's network: the kubelet loses the apiserver, packets to and from it drop. */
  setLink(up: boolean): void {
    if (this.linkUp === up) return;
    this.linkUp = up;
    this.kubelet?.setReachable(up);
  }

  powerOff(): void {
    if (!this.powered) return;
    this.stopKubelet();
    this.runtime.powerOff();
    this.powered = false;
  }

  powerOn(): void {
    if (this.powered) return;
    this.powered = true;
    this.bootID = this.opts.newBootID();
    this.runtime = this.newRuntime();
    this.nextPid = 700;
    this.startKubelet();
  }

  /** Logs through this node's kubelet, as the apiserver's proxy to port 10250 reaches it. */
  podLogs(pod: Pod, container: string, query: URLSearchParams): string | ApiError {
    if (!this.powered || !this.kubelet)
      return errors.internal(
        `Get "https://${this.opts.ip}:10250/containerLogs/${pod.metadata?.namespace}/${pod.metadata?.name}/${container}": dial tcp ${this.opts.ip}:10250: connect: no route to host`,
      );
    return this.kubelet.logs(pod, container, query);
  }
}
