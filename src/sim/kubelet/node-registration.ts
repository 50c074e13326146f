import type { Node, Taint } from 'kubernetes-types/core/v1';
import { parseValue } from '../api/quantity';

export interface NodeSpecInput {
  name: string;
  cpu: string;
  memory: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Taint[];
  internalIP: string;
  podCIDR: string;
  controlPlane?: boolean;
}

export const KUBELET_VERSION = 'v1.32.0';
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.24';

/**
 * The Node object a kubelet registers (pkg/kubelet/kubelet_node_status.go `initialNode`), with the
 * labels, annotations and status a kubeadm node carries. Allocatable is capacity less the default
 * hard eviction threshold for memory (100Mi) and 10 % of ephemeral storage; system reservations are 0.
 */
export function initialNode(
  n: NodeSpecInput,
  nowTimestamp: string,
  ids: { machineID: string; bootID: string; systemUUID: string },
): Node {
  const memBytes = parseValue(n.memory) ?? 0;
  const memKi = Math.floor(memBytes / 1024);
  const storageKi = 102626232;
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
    ...(n.controlPlane
      ? {
          'node-role.kubernetes.io/control-plane': '',
          'node.kubernetes.io/exclude-from-external-load-balancers': '',
        }
      : {}),
    ...n.labels,
  };
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: nowTimestamp,
    lastTransitionTime: nowTimestamp,
    reason,
    message,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: n.podCIDR,
      podCIDRs: [n.podCIDR],
      ...(n.taints && n.taints.length > 0 ? { taints: n.taints } : {}),
    },
    status: {
      capacity: {
        cpu: n.cpu,
        'ephemeral-storage': `${storageKi}Ki`,
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: `${memKi}Ki`,
        pods: String(n.pods ?? 110),
      },
      allocatable: {
        cpu: n.cpu,
        'ephemeral-storage': String(Math.floor(storageKi * 1024 * 0.9)),
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: `${memKi - 100 * 1024}Ki`,
        pods: String(n.pods ?? 110),
      },
      conditions: [
        condition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: n.internalIP },
        { type: 'Hostname', address: n.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: ids.machineID,
        systemUUID: ids.systemUUID,
        bootID: ids.bootID,
        kernelVersion: '6.8.0-49-generic',
        osImage: 'Ubuntu 24.04.1 LTS',
        containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}
