import { toKube, type KubeObject } from '../api/object';
import type { Client } from '../client/clientset';
import {
  corednsClusterRole,
  corednsClusterRoleBinding,
  corednsConfigMap,
  corednsDeployment,
  corednsServiceAccount,
  kubeDnsService,
} from './coredns';
import {
  kubeProxyConfigMap,
  kubeProxyDaemonSet,
  kubeProxyRole,
  kubeProxyRoleBinding,
  kubeProxyServiceAccount,
} from './kube-proxy';

type Target = { resource: string; group?: string; namespace?: string };

const RBAC = 'rbac.authorization.k8s.io';

/**
 * `kubeadm init` phase addon: the CoreDNS and kube-proxy add-ons, created through the API in the
 * order kubeadm creates them. The `kubeadm:node-proxier` ClusterRoleBinding is part of KubeSim's
 * bootstrap policy already, so only what is missing is created.
 */
export function installKubeadmAddons(client: Client): void {
  const objects: [Target, KubeObject][] = [
    [{ resource: 'configmaps', namespace: 'kube-system' }, toKube(corednsConfigMap)],
    [{ resource: 'clusterroles', group: RBAC }, toKube(corednsClusterRole)],
    [{ resource: 'clusterrolebindings', group: RBAC }, toKube(corednsClusterRoleBinding)],
    [{ resource: 'serviceaccounts', namespace: 'kube-system' }, toKube(corednsServiceAccount)],
    [{ resource: 'deployments', group: 'apps', namespace: 'kube-system' }, toKube(corednsDeployment)],
    [{ resource: 'services', namespace: 'kube-system' }, toKube(kubeDnsService)],
    [{ resource: 'serviceaccounts', namespace: 'kube-system' }, toKube(kubeProxyServiceAccount)],
    [{ resource: 'configmaps', namespace: 'kube-system' }, toKube(kubeProxyConfigMap)],
    [{ resource: 'daemonsets', group: 'apps', namespace: 'kube-system' }, toKube(kubeProxyDaemonSet)],
    [{ resource: 'roles', group: RBAC, namespace: 'kube-system' }, toKube(kubeProxyRole)],
    [{ resource: 'rolebindings', group: RBAC, namespace: 'kube-system' }, toKube(kubeProxyRoleBinding)],
  ];
  for (const [target, obj] of objects) {
    const r = client.create(target, structuredClone(obj));
    if (!r.ok && r.error.status.reason !== 'AlreadyExists')
      throw new Error(`kubeadm addon ${obj.kind} ${obj.metadata?.name}: ${r.error.message}`);
  }
}
