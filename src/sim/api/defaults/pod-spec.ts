import { isObj, list, obj, opt, setDefault, type Obj } from './fields';

/**
 * SetDefaults_PodSpec and everything under it (pkg/apis/core/v1/defaults.go). Used by Pods and
 * by the pod templates of workloads; the Pod-only parts live in pod.ts.
 */
export function defaultPodSpec(spec: Obj): void {
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  if (spec.hostNetwork === true) {
    for (const c of [...list(spec, 'containers'), ...list(spec, 'initContainers')]) {
      for (const p of list(c, 'ports')) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
  obj(spec, 'securityContext');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const v of list(spec, 'volumes')) defaultVolume(v);
  for (const c of list(spec, 'containers')) defaultContainer(c);
  for (const c of list(spec, 'initContainers')) defaultContainer(c);
  for (const c of list(spec, 'ephemeralContainers')) defaultContainer(c);
}

const VOLUME_SOURCE_KEYS = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
];

/** 0644, as upstream's DefaultMode for secret, configMap, downwardAPI and projected volumes. */
const DEFAULT_MODE = 420;

function defaultVolume(v: Obj): void {
  // SetDefaults_Volume: a volume with no source is an emptyDir.
  if (!VOLUME_SOURCE_KEYS.some((k) => isObj(v[k]))) v.emptyDir = {};
  const hp = opt(v, 'hostPath');
  if (hp) setDefault(hp, 'type', '');
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = opt(v, k);
    if (src && src.defaultMode === undefined) src.defaultMode = DEFAULT_MODE;
  }
  const da = opt(v, 'downwardAPI');
  if (da) for (const item of list(da, 'items')) defaultFieldRef(opt(item, 'fieldRef'));
  const pj = opt(v, 'projected');
  if (pj) {
    for (const s of list(pj, 'sources')) {
      const sat = opt(s, 'serviceAccountToken');
      if (sat && sat.expirationSeconds === undefined) sat.expirationSeconds = 3600;
      const dapi = opt(s, 'downwardAPI');
      if (dapi) for (const item of list(dapi, 'items')) defaultFieldRef(opt(item, 'fieldRef'));
    }
  }
  const iscsi = opt(v, 'iscsi');
  if (iscsi) setDefault(iscsi, 'iscsiInterface', 'default');
  const rbd = opt(v, 'rbd');
  if (rbd) {
    setDefault(rbd, 'pool', 'rbd');
    setDefault(rbd, 'user', 'admin');
    setDefault(rbd, 'keyring', '/etc/ceph/keyring');
  }
}

function defaultFieldRef(fr: Obj | undefined): void {
  if (fr) setDefault(fr, 'apiVersion', 'v1');
}

/**
 * SetDefaults_Container's pull policy: Always for `:latest` or an untagged image, else
 * IfNotPresent. A digest (`@sha256:…`) counts as pinned.
 */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  // An image reference that does not parse (empty, upper case) yields no tag: IfNotPresent.
  if (image === '' || image !== image.trim() || /[A-Z]/.test(image.split(':')[0].split('@')[0]))
    return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  const tag = colon >= 0 ? lastSegment.slice(colon + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(p: Obj | undefined): void {
  if (!p) return;
  setDefault(p, 'timeoutSeconds', 1);
  setDefault(p, 'periodSeconds', 10);
  setDefault(p, 'successThreshold', 1);
  setDefault(p, 'failureThreshold', 3);
  defaultHandler(p);
}

function defaultHandler(h: Obj | undefined): void {
  const g = h && opt(h, 'httpGet');
  if (g) {
    setDefault(g, 'path', '/');
    setDefault(g, 'scheme', 'HTTP');
  }
}

function defaultContainer(c: Obj): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(typeof c.image === 'string' ? c.image : '');
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  // ResourceRequirements is a non-pointer struct: the apiserver always serializes it.
  obj(c, 'resources');
  for (const p of list(c, 'ports')) setDefault(p, 'protocol', 'TCP');
  for (const e of list(c, 'env')) {
    const vf = opt(e, 'valueFrom');
    if (vf) defaultFieldRef(opt(vf, 'fieldRef'));
  }
  defaultProbe(opt(c, 'livenessProbe'));
  defaultProbe(opt(c, 'readinessProbe'));
  defaultProbe(opt(c, 'startupProbe'));
  const lc = opt(c, 'lifecycle');
  if (lc) {
    defaultHandler(opt(lc, 'postStart'));
    defaultHandler(opt(lc, 'preStop'));
  }
}

/** A pod template (workloads): spec defaults, and the `creationTimestamp: null` v1.32 serializes. */
export function defaultPodTemplate(template: Obj): void {
  const meta = obj(template, 'metadata');
  if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
  defaultPodSpec(obj(template, 'spec'));
}
