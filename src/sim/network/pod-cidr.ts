/** The nodeipam controller's slice of the cluster CIDR: node n gets 10.244.n.0/24 (kubeadm + flannel layout). */
export const CLUSTER_CIDR = '10.244.0.0/16';
export const SERVICE_CIDR = '10.96.0.0/12';
export const CLUSTER_DNS_IP = '10.96.0.10';
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
export const CLUSTER_DOMAIN = 'cluster.local';

export function podCidrFor(index: number): string {
  return `10.244.${index}.0/24`;
}
