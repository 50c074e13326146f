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

function linkLines(m: NodeMachine): string {
  const up = m.linkUp;
  return [
    '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000',
    '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
    `2: eth0: <BROADCAST,MULTICAST${up ? ',UP,LOWER_UP' : ''}> mtu 1500 qdisc mq state ${up ? 'UP' : 'DOWN'} mode DEFAULT group default qlen 1000`,
    '    link/ether 02:42:c0:a8:31:02 brd ff:ff:ff:ff:ff:ff',
  ].join('\n');
}

/** The node-side commands of the kubelet's world: `crictl`, `poweroff` and `ip link`. */
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
  // KubeSim's node shell is the machine's console, so `ip link set eth0 up` still reaches a cut node.
  shell.register('ip', (host, args) => {
    const m = machine(host);
    if (!m) return { stdout: '', stderr: 'bash: ip: command not found\n', exitCode: 127 };
    if (!m.powered) return unreachable(host);
    const a = args.filter((x) => x !== '-br');
    if (a[0] !== 'link') return { stdout: '', stderr: 'KubeSim models only `ip link`\n', exitCode: 1 };
    if (a.length === 1 || a[1] === 'show') {
      const dev = a[2];
      if (dev && dev !== 'eth0' && dev !== 'lo')
        return { stdout: '', stderr: `Device "${dev}" does not exist.\n`, exitCode: 1 };
      const lines = linkLines(m).split('\n');
      const out = dev === 'eth0' ? lines.slice(2) : dev === 'lo' ? lines.slice(0, 2) : lines;
      return { stdout: out.join('\n') + '\n', stderr: '', exitCode: 0 };
    }
    if (a[1] === 'set' && (a[2] === 'eth0' || a[2] === 'dev') && (a[3] === 'up' || a[3] === 'down' || a[4])) {
      const dev = a[2] === 'dev' ? a[3] : a[2];
      const state = a[2] === 'dev' ? a[4] : a[3];
      if (dev !== 'eth0') return { stdout: '', stderr: `Cannot find device "${dev}"\n`, exitCode: 1 };
      if (state !== 'up' && state !== 'down')
        return {
          stdout: '',
          stderr: `Error: either "dev" is duplicate, or "${state}" is a garbage.\n`,
          exitCode: 1,
        };
      m.setLink(state === 'up');
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    return { stdout: '', stderr: 'Usage: ip link set eth0 { up | down }\n', exitCode: 1 };
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
