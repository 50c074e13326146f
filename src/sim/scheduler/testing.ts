/** Small builders for scheduler tests and benchmarks: nodes and pods with just the fields that matter. */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';

export interface NodeSpecLite {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  images?: Array<{ names: string[]; sizeBytes: number }>;
}

export function makeNode(name: string, s: NodeSpecLite = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(s.labels ?? {}) } },
    spec: { taints: s.taints, unschedulable: s.unschedulable },
    status: {
      allocatable: { cpu: s.cpu ?? '4', memory: s.memory ?? '8Gi', pods: s.pods ?? '110' },
      images: s.images,
    },
  };
}

export interface PodSpecLite {
  namespace?: string;
  labels?: Record<string, string>;
  cpu?: string;
  memory?: string;
  image?: string;
  nodeName?: string;
}

let uid = 0;

export function makePod(name: string, s: PodSpecLite = {}): Pod {
  const requests: Record<string, string> = {};
  if (s.cpu) requests.cpu = s.cpu;
  if (s.memory) requests.memory = s.memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: s.namespace ?? 'default', uid: `uid-${++uid}`, labels: s.labels },
    spec: {
      nodeName: s.nodeName,
      containers: [
        {
          name: 'c',
          image: s.image ?? 'registry.k8s.io/pause:3.10',
          resources: Object.keys(requests).length > 0 ? { requests } : undefined,
        },
      ],
    },
  };
}
