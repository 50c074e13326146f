import type { Pod, Volume } from 'kubernetes-types/core/v1';
import type { KubeObject, Mutable } from '../../api/object';
import type { ResourceInfo } from '../resources';
import { ApiError, errors } from '../status';
import type { AdmissionContext } from '.';

const TOKEN_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * ServiceAccount admission: a pod runs as `default` unless it says otherwise, the account must
 * exist, and its API token is mounted as the projected `kube-api-access-*` volume.
 */
export function serviceAccount(ctx: AdmissionContext, info: ResourceInfo, obj: KubeObject): void {
  if (info.resource !== 'pods') return;
  const pod = obj as Mutable<Pod>;
  const spec = pod.spec;
  if (!spec) return;
  // Mirror pods of static pods are not subject to service accounts.
  if (pod.metadata?.annotations?.['kubernetes.io/config.mirror']) return;
  const ns = pod.metadata?.namespace ?? '';
  const saName = spec.serviceAccountName || spec.serviceAccount || 'default';
  spec.serviceAccountName = saName;
  spec.serviceAccount = saName;
  const sa = ctx.serviceAccount(ns, saName);
  if (!sa) {
    const base = errors.forbidden(
      { group: '', resource: 'pods' },
      pod.metadata?.name ?? '',
      `error looking up service account ${ns}/${saName}: serviceaccount "${saName}" not found`,
    );
    throw new ApiError(base.status);
  }
  const automount =
    spec.automountServiceAccountToken ??
    (sa as { automountServiceAccountToken?: boolean }).automountServiceAccountToken ??
    true;
  if (!automount) return;
  const hasMount = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].some((c) =>
    (c.volumeMounts ?? []).some((m) => m.mountPath === TOKEN_MOUNT),
  );
  if (hasMount) return;
  const volumeName = `kube-api-access-${ctx.randomSuffix()}`;
  const volume: Mutable<Volume> = {
    name: volumeName,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
    },
  };
  spec.volumes = [...(spec.volumes ?? []), volume];
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    c.volumeMounts = [
      ...(c.volumeMounts ?? []),
      { name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT },
    ];
  }
}
