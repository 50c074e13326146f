import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Mutable } from '../api/object';
import { addImage, lookupImage } from './runtime/images';

/** The control-plane images kubeadm v1.32 runs (`kubeadm config images list`). */
export const CONTROL_PLANE_IMAGES: Record<string, { ref: string; sizeBytes: number }> = {
  etcd: { ref: 'registry.k8s.io/etcd:3.5.16-0', sizeBytes: 57_680_541 },
  'kube-apiserver': { ref: 'registry.k8s.io/kube-apiserver:v1.32.0', sizeBytes: 28_671_624 },
  'kube-controller-manager': {
    ref: 'registry.k8s.io/kube-controller-manager:v1.32.0',
    sizeBytes: 26_254_834,
  },
  'kube-scheduler': { ref: 'registry.k8s.io/kube-scheduler:v1.32.0', sizeBytes: 20_656_471 },
};

/** The catalog has no control-plane binaries; register them as long-running programs. */
function ensureImages(): void {
  for (const [program, img] of Object.entries(CONTROL_PLANE_IMAGES)) {
    if (lookupImage(img.ref)) continue;
    addImage({
      ref: img.ref,
      sizeBytes: img.sizeBytes,
      entrypoint: [],
      cmd: [program],
      behaviour: 'pause',
      userland: 'none',
      programs: { [program]: { kind: 'pause' }, [`/usr/local/bin/${program}`]: { kind: 'pause' } },
    });
  }
}

interface StaticSpec {
  component: string;
  command: string[];
  cpu: string;
  memory?: string;
  annotations: Record<string, string>;
}

function specs(ip: string): StaticSpec[] {
  return [
    {
      component: 'etcd',
      command: [
        'etcd',
        `--advertise-client-urls=https://${ip}:2379`,
        '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
        '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd',
        '--experimental-initial-corrupt-check=true',
        '--experimental-watch-progress-notify-interval=5s',
        `--initial-advertise-peer-urls=https://${ip}:2380`,
        `--initial-cluster=control-plane=https://${ip}:2380`,
        '--key-file=/etc/kubernetes/pki/etcd/server.key',
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${ip}:2380`,
        '--name=control-plane',
        '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
        '--peer-client-cert-auth=true',
        '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
        '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
        '--snapshot-count=10000',
        '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      ],
      cpu: '100m',
      memory: '100Mi',
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
    },
    {
      component: 'kube-apiserver',
      command: [
        'kube-apiserver',
        `--advertise-address=${ip}`,
        '--allow-privileged=true',
        '--authorization-mode=Node,RBAC',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--enable-admission-plugins=NodeRestriction',
        '--enable-bootstrap-token-auth=true',
        '--etcd-servers=https://127.0.0.1:2379',
        '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        '--service-cluster-ip-range=10.96.0.0/12',
        '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
        '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
      ],
      cpu: '250m',
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
    },
    {
      component: 'kube-controller-manager',
      command: [
        'kube-controller-manager',
        '--allocate-node-cidrs=true',
        '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--bind-address=127.0.0.1',
        '--cluster-cidr=10.244.0.0/16',
        '--cluster-name=kubernetes',
        '--controllers=*,bootstrapsigner,tokencleaner',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--leader-elect=true',
        '--service-cluster-ip-range=10.96.0.0/12',
        '--use-service-account-credentials=true',
      ],
      cpu: '200m',
      annotations: {},
    },
    {
      component: 'kube-scheduler',
      command: [
        'kube-scheduler',
        '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1',
        '--kubeconfig=/etc/kubernetes/scheduler.conf',
        '--leader-elect=true',
      ],
      cpu: '100m',
      annotations: {},
    },
  ];
}

/** kubelet's config hash: a stable hex digest of the manifest (the static pod's UID). */
function configHash(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, 32);
}

/**
 * The manifests kubeadm writes to /etc/kubernetes/manifests on the control-plane node; the
 * kubelet runs them itself (config source `file`) and shows each as a mirror pod in the API.
 */
export function staticPods(nodeName: string, nodeIP: string, seenAt: string): Mutable<Pod>[] {
  ensureImages();
  return specs(nodeIP).map((s) => {
    const name = `${s.component}-${nodeName}`;
    const hash = configHash(JSON.stringify(s));
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: 'kube-system',
        uid: hash,
        labels: { component: s.component, tier: 'control-plane' },
        annotations: {
          ...s.annotations,
          'kubernetes.io/config.hash': hash,
          'kubernetes.io/config.seen': seenAt,
          'kubernetes.io/config.source': 'file',
        },
      },
      spec: {
        containers: [
          {
            name: s.component,
            image: CONTROL_PLANE_IMAGES[s.component].ref,
            imagePullPolicy: 'IfNotPresent',
            command: s.command,
            resources: { requests: { cpu: s.cpu, ...(s.memory ? { memory: s.memory } : {}) } },
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
          },
        ],
        dnsPolicy: 'ClusterFirst',
        enableServiceLinks: true,
        hostNetwork: true,
        nodeName,
        preemptionPolicy: 'PreemptLowerPriority',
        priority: 2000001000,
        priorityClassName: 'system-node-critical',
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        terminationGracePeriodSeconds: 30,
        tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
      },
      status: { phase: 'Pending' },
    };
  });
}

/** The mirror pod the kubelet posts for a static pod: same spec, marked and owned by the Node. */
export function mirrorPodOf(pod: Pod, nodeUid: string): Mutable<Pod> {
  const m = structuredClone(pod) as Mutable<Pod>;
  const meta = m.metadata!;
  const hash = meta.annotations?.['kubernetes.io/config.hash'] ?? '';
  delete meta.uid;
  meta.annotations = { ...meta.annotations, 'kubernetes.io/config.mirror': hash };
  meta.ownerReferences = [
    { apiVersion: 'v1', kind: 'Node', name: pod.spec?.nodeName ?? '', uid: nodeUid, controller: true },
  ];
  delete m.status;
  return m;
}

export function isMirrorPod(pod: Pod): boolean {
  return pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined;
}

/** Images a control-plane node has before any pod (kubeadm pre-pulls them at init). */
export function controlPlaneImages(): string[] {
  ensureImages();
  return Object.values(CONTROL_PLANE_IMAGES).map((i) => i.ref);
}
