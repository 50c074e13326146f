/** The nodeipam controller's slice of the cluster CIDR: node n gets 10.244.n.0/24 (kubeadm + flannel layout). */
export const CLUSTER_CIDR = '10.244.0.0/16';
export const SERVICE_CIDR = '10.96.0.0/12';
export const CLUSTER_DNS_IP = '10.96.0.10';
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
export const CLUSTER_DOMAIN = 'cluster.local';

/**
 * Node n's /24. 10.244.0.0/16 holds 256 nodes, as on a real flannel cluster; past that KubeSim
 * carries on into 10.245.0.0/16 and beyond, where a real cluster would need a larger --cluster-cidr.
 */
export function podCidrFor(index: number): string {
  return `10.${244 + Math.floor(index / 256)}.${index % 256}.0/24`;
}

/** Node n's InternalIP: 192.168.49.2 upward, 250 to a /24, then the next /24. */
export function nodeIPFor(index: number): string {
  return `192.168.${49 + Math.floor(index / 250)}.${2 + (index % 250)}`;
}
