import type { Engine } from '../engine/simulation';
import type { SystemdUnit } from '../shell/systemd';
import type { NodeShell, ShellResult } from '../shell/shell';
import { crictl } from './crictl';
import type { NodeMachine } from './node-machine';

/** kubeadm's kubelet.service: `systemctl stop kubelet` ends the process, containers stay. */
export function kubeletUnit(m: NodeMachine, ip: string): SystemdUnit {
  return {
    description: 'kubelet: The Kubernetes Node Agent',
    documentation: 'https://kubernetes.io/docs/',
    fragmentPath: '/lib/systemd/system/kubelet.service',
    execStart: `/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --node-ip=${ip} --pod-infra-container-image=registry.k8s.io/pause:3.10`,
    isActive: () => m.kubeletUnit.active,
    since: () => m.kubeletUnit.since,
    start: () => m.startKubelet(),
    stop: () => m.stopKubelet(),
  };
}

function unreachable(host: string): ShellResult {
  return { stdout: '', stderr: `ssh: connect to host ${host} port 22: No route to host\n`, exitCode: 255 };
}

/** The node-side commands of the kubelet's world: `crictl` and `poweroff`. */
export function registerNodeCommands(
  shell: NodeShell,
  engine: Engine,
  machine: (host: string) => NodeMachine | undefined,
): void {
  shell.register('crictl', (host, args) => {
    const m = machine(host);
    if (!m) return { stdout: '', stderr: 'bash: crictl: command not found\n', exitCode: 127 };
    if (!m.powered) return unreachable(host);
    return crictl(m.runtime, args, engine.epochMs + engine.now);
  });
  shell.register('poweroff', (host) => {
    const m = machine(host);
    if (!m) return { stdout: '', stderr: 'bash: poweroff: command not found\n', exitCode: 127 };
    if (!m.powered) return unreachable(host);
    // The node goes dark right after the command returns, and the ssh session drops.
    engine.schedule(0, `poweroff ${host}`, () => m.powerOff());
    return { stdout: '', stderr: `Connection to ${host} closed by remote host.\n`, exitCode: 255 };
  });
}
