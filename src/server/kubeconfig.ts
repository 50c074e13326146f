import { stringify } from 'yaml';

export interface KubeconfigOptions {
  server: string;
  token: string;
  /** PEM of the CA that signed the server's certificate (https servers). */
  caPem?: string;
  /** Name of the cluster, the context and (with `-admin`) the user. */
  name?: string;
}

/**
 * A kubeconfig as kubeadm's `admin.conf` lays it out (keys sorted, `preferences: {}`), but with a
 * bearer token instead of a client certificate.
 */
export function kubeconfigYaml({ server, token, caPem, name = 'kubesim' }: KubeconfigOptions): string {
  const user = `${name}-admin`;
  const cluster: Record<string, string> = { server };
  if (caPem) cluster['certificate-authority-data'] = Buffer.from(caPem).toString('base64');
  return stringify({
    apiVersion: 'v1',
    clusters: [{ cluster, name }],
    contexts: [{ context: { cluster: name, user }, name }],
    'current-context': name,
    kind: 'Config',
    preferences: {},
    users: [{ name: user, user: { token } }],
  });
}
