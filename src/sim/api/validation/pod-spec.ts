import type {
  Container,
  NodeSelectorRequirement,
  PodSpec,
  PodTemplateSpec,
  Toleration,
  Volume,
} from 'kubernetes-types/core/v1';
import {
  duplicate,
  forbidden,
  invalid,
  notSupported,
  required,
  type FieldError,
  type FieldPath,
} from '../field-errors';
import { inclusiveRangeError, isValidLabelValue } from './formats';
import {
  nameIsDNSSubdomain,
  validateAnnotations,
  validateDNS1123Label,
  validateDNS1123Subdomain,
  validateLabelName,
  validateLabels,
} from './metadata';
import {
  validateContainerCommon,
  validateLifecycle,
  validateLivenessOrStartupProbe,
  validateReadinessProbe,
} from './container';

const VOLUME_SOURCES = [
  'emptyDir',
  'hostPath',
  'gitRepo',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'flocker',
  'persistentVolumeClaim',
  'rbd',
  'cinder',
  'cephfs',
  'quobyte',
  'downwardAPI',
  'fc',
  'flexVolume',
  'configMap',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'storageos',
  'projected',
  'scaleIO',
  'csi',
  'ephemeral',
  'image',
] as const;

const HOST_PATH_TYPES = [
  '',
  'BlockDevice',
  'CharDevice',
  'Directory',
  'DirectoryOrCreate',
  'File',
  'FileOrCreate',
  'Socket',
];

/** Simplified: the source count and the sources learners use (emptyDir, hostPath, configMap, secret, PVC). */
function validateVolumeSource(v: Volume, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const src = v as unknown as Record<string, unknown>;
  for (const name of VOLUME_SOURCES) {
    if (src[name] === undefined || src[name] === null) continue;
    if (n > 0) {
      errs.push(forbidden(path.child(name), 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    if (name === 'hostPath' && v.hostPath) {
      if (!v.hostPath.path) errs.push(required(path.child('hostPath', 'path')));
      else if (v.hostPath.path.split('/').includes('..'))
        errs.push(invalid(path.child('hostPath', 'path'), v.hostPath.path, "must not contain '..'"));
      else if (v.hostPath.type !== undefined && !HOST_PATH_TYPES.includes(v.hostPath.type)) {
        errs.push(notSupported(path.child('hostPath', 'type'), v.hostPath.type, HOST_PATH_TYPES));
      }
    }
    if (name === 'configMap' && v.configMap) {
      if (!v.configMap.name) errs.push(required(path.child('configMap', 'name')));
    }
    if (name === 'secret' && v.secret) {
      if (!v.secret.secretName) errs.push(required(path.child('secret', 'secretName')));
    }
    if (name === 'persistentVolumeClaim' && v.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) {
      errs.push(required(path.child('persistentVolumeClaim', 'claimName')));
    }
  }
  if (n === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

function validateVolumes(
  volumes: Volume[] | undefined,
  path: FieldPath,
): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  (volumes ?? []).forEach((v, i) => {
    const p = path.index(i);
    const el = validateVolumeSource(v, p);
    if (!v.name) el.push(required(p.child('name')));
    else el.push(...validateDNS1123Label(v.name, p.child('name')));
    if (names.has(v.name)) el.push(duplicate(p.child('name'), v.name));
    if (el.length === 0) names.add(v.name);
    else errs.push(...el);
  });
  return { names, errs };
}

function checkHostPortConflicts(
  containers: Container[],
  path: FieldPath,
  seen = new Set<string>(),
): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((p, pi) => {
      if (!p.hostPort) return;
      const key = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${p.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(path.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

function validateContainers(spec: PodSpec, volumes: Set<string>, path: FieldPath): FieldError[] {
  const containers = spec.containers ?? [];
  if (containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  const grace = spec.terminationGracePeriodSeconds;
  containers.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, p));
    if (names.has(c.name)) errs.push(duplicate(p.child('name'), c.name));
    else names.add(c.name);
    if (c.lifecycle) errs.push(...validateLifecycle(c, grace, p.child('lifecycle')));
    errs.push(...validateLivenessOrStartupProbe(c.livenessProbe, grace, p.child('livenessProbe')));
    errs.push(...validateReadinessProbe(c.readinessProbe, grace, p.child('readinessProbe')));
    errs.push(...validateLivenessOrStartupProbe(c.startupProbe, grace, p.child('startupProbe')));
    if (c.restartPolicy !== undefined)
      errs.push(forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

function validateInitContainers(spec: PodSpec, volumes: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((spec.containers ?? []).map((c) => c.name));
  const grace = spec.terminationGracePeriodSeconds;
  (spec.initContainers ?? []).forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, p));
    let restartAlways = false;
    if (c.restartPolicy !== undefined) {
      if (c.restartPolicy !== 'Always')
        errs.push(notSupported(p.child('restartPolicy'), c.restartPolicy, ['Always']));
      restartAlways = c.restartPolicy === 'Always';
    }
    if (names.has(c.name)) errs.push(duplicate(p.child('name'), c.name));
    else if (c.name) names.add(c.name);
    errs.push(...checkHostPortConflicts([c], path));
    if (restartAlways) {
      if (c.lifecycle) errs.push(...validateLifecycle(c, grace, p.child('lifecycle')));
      errs.push(...validateLivenessOrStartupProbe(c.livenessProbe, grace, p.child('livenessProbe')));
      errs.push(...validateReadinessProbe(c.readinessProbe, grace, p.child('readinessProbe')));
      errs.push(...validateLivenessOrStartupProbe(c.startupProbe, grace, p.child('startupProbe')));
    } else {
      const msg = 'may not be set for init containers without restartPolicy=Always';
      if (c.lifecycle) errs.push(forbidden(p.child('lifecycle'), msg));
      if (c.livenessProbe) errs.push(forbidden(p.child('livenessProbe'), msg));
      if (c.readinessProbe) errs.push(forbidden(p.child('readinessProbe'), msg));
      if (c.startupProbe) errs.push(forbidden(p.child('startupProbe'), msg));
    }
  });
  return errs;
}

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTolerations(tolerations: Toleration[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = path.index(i);
    if (t.key) errs.push(...validateLabelName(t.key, p.child('key')));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(
        invalid(
          p.child('operator'),
          t.operator ?? '',
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errs.push(
        invalid(
          p.child('effect'),
          t.effect ?? '',
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    }
    switch (t.operator ?? '') {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(t.value ?? '');
        if (msgs.length > 0) errs.push(invalid(p.child('operator'), t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value)
          errs.push(invalid(p.child('operator'), t.value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(p.child('operator'), t.operator, ['Equal', 'Exists']));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect))
      errs.push(notSupported(p.child('effect'), t.effect, TAINT_EFFECTS));
  });
  return errs;
}

function validateNodeSelectorRequirement(rq: NodeSelectorRequirement, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = rq.values ?? [];
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0)
        errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0)
        errs.push(
          forbidden(
            path.child('values'),
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ),
        );
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1)
        errs.push(
          required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"),
        );
      break;
    default:
      errs.push(invalid(path.child('operator'), rq.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(rq.key ?? '', path.child('key')));
  return errs;
}

function validateAffinity(spec: PodSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const na = spec.affinity?.nodeAffinity;
  if (!na) return errs;
  const req = na.requiredDuringSchedulingIgnoredDuringExecution;
  if (req) {
    const tp = path.child(
      'nodeAffinity',
      'requiredDuringSchedulingIgnoredDuringExecution',
      'nodeSelectorTerms',
    );
    if ((req.nodeSelectorTerms ?? []).length === 0)
      errs.push(required(tp, 'must have at least one node selector term'));
    (req.nodeSelectorTerms ?? []).forEach((term, i) => {
      (term.matchExpressions ?? []).forEach((rq, j) => {
        const p = tp.index(i).child('matchExpressions').index(j);
        errs.push(...validateNodeSelectorRequirement(rq, p));
        (rq.values ?? []).forEach((v, k) => {
          for (const m of isValidLabelValue(v)) errs.push(invalid(p.child('values').index(k), v, m));
        });
      });
    });
  }
  (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
    const p = path.child('nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution').index(i);
    if (!(term.weight > 0 && term.weight <= 100))
      errs.push(invalid(p.child('weight'), term.weight, 'must be in the range 1-100'));
    (term.preference?.matchExpressions ?? []).forEach((rq, j) => {
      errs.push(...validateNodeSelectorRequirement(rq, p.child('preference', 'matchExpressions').index(j)));
    });
  });
  return errs;
}

export interface PodSpecOptions {
  /** The spec belongs to a Pod (not a template): stricter hostNetwork port rule, image whitespace. */
  resourceIsPod: boolean;
}

/** ValidatePodSpec, in upstream's order. `path` is `spec` for pods, `spec.template.spec` for workloads. */
export function validatePodSpec(
  spec: PodSpec | undefined,
  path: FieldPath,
  opts: PodSpecOptions,
): FieldError[] {
  const s: PodSpec = spec ?? { containers: [] };
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds === undefined || s.terminationGracePeriodSeconds === null) {
    errs.push(required(path.child('terminationGracePeriodSeconds')));
  }
  const vols = validateVolumes(s.volumes, path.child('volumes'));
  errs.push(...vols.errs);
  errs.push(...validateContainers(s, vols.names, path.child('containers')));
  errs.push(...validateInitContainers(s, vols.names, path.child('initContainers')));
  if (s.hostNetwork) {
    (s.containers ?? []).forEach((c, i) => {
      (c.ports ?? []).forEach((port, j) => {
        const hp = port.hostPort ?? 0;
        if ((opts.resourceIsPod || hp !== 0) && hp !== port.containerPort) {
          errs.push(
            invalid(
              path.child('containers').index(i).child('ports').index(j).child('hostPort'),
              hp,
              'must match `containerPort` when `hostNetwork` is true',
            ),
          );
        }
      });
    });
  }
  const rp = s.restartPolicy ?? '';
  if (!rp) errs.push(required(path.child('restartPolicy')));
  else if (!RESTART_POLICIES.includes(rp))
    errs.push(notSupported(path.child('restartPolicy'), rp, RESTART_POLICIES));
  const dp = s.dnsPolicy ?? '';
  if (!dp) errs.push(required(path.child('dnsPolicy')));
  else if (!DNS_POLICIES.includes(dp)) errs.push(notSupported(path.child('dnsPolicy'), dp, DNS_POLICIES));
  errs.push(...validateLabels(s.nodeSelector, path.child('nodeSelector')));
  errs.push(...validateAffinity(s, path.child('affinity')));
  if (dp === 'None') {
    if (!s.dnsConfig)
      errs.push(required(path.child('dnsConfig'), 'must provide `dnsConfig` when `dnsPolicy` is None'));
    else if ((s.dnsConfig.nameservers ?? []).length === 0) {
      errs.push(
        required(
          path.child('dnsConfig', 'nameservers'),
          'must provide at least one DNS nameserver when `dnsPolicy` is None',
        ),
      );
    }
  }
  if (s.serviceAccountName) {
    for (const m of nameIsDNSSubdomain(s.serviceAccountName, false))
      errs.push(invalid(path.child('serviceAccountName'), s.serviceAccountName, m));
  }
  if (s.nodeName)
    for (const m of nameIsDNSSubdomain(s.nodeName, false))
      errs.push(invalid(path.child('nodeName'), s.nodeName, m));
  if (
    s.activeDeadlineSeconds !== undefined &&
    (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > 2147483647)
  ) {
    errs.push(
      invalid(
        path.child('activeDeadlineSeconds'),
        s.activeDeadlineSeconds,
        inclusiveRangeError(1, 2147483647),
      ),
    );
  }
  if (s.hostname) errs.push(...validateDNS1123Label(s.hostname, path.child('hostname')));
  if (s.subdomain) errs.push(...validateDNS1123Label(s.subdomain, path.child('subdomain')));
  errs.push(...validateTolerations(s.tolerations, path.child('tolerations')));
  (s.hostAliases ?? []).forEach((ha, i) => {
    (ha.hostnames ?? []).forEach((h, j) =>
      errs.push(
        ...validateDNS1123Subdomain(h, path.child('hostAliases').index(i).child('hostnames').index(j)),
      ),
    );
  });
  if (s.priorityClassName) {
    for (const m of nameIsDNSSubdomain(s.priorityClassName, false))
      errs.push(invalid(path.child('priorityClassName'), s.priorityClassName, m));
  }
  if (s.preemptionPolicy !== undefined) {
    const pp = s.preemptionPolicy;
    if (!pp) errs.push(required(path.child('preemptionPolicy')));
    else if (pp !== 'PreemptLowerPriority' && pp !== 'Never')
      errs.push(notSupported(path.child('preemptionPolicy'), pp, ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

/** validateContainersOnlyForPod: checks upstream keeps off templates for compatibility. */
export function validateContainersOnlyForPod(
  containers: Container[] | undefined,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  (containers ?? []).forEach((c, i) => {
    if (c.image && c.image.length !== c.image.trim().length) {
      errs.push(
        invalid(path.index(i).child('image'), c.image, 'must not have leading or trailing whitespace'),
      );
    }
  });
  return errs;
}

/** ValidatePodTemplateSpec (labels, annotations, spec). */
export function validatePodTemplateSpec(t: PodTemplateSpec | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabels(t?.metadata?.labels, path.child('labels')));
  errs.push(...validateAnnotations(t?.metadata?.annotations, path.child('annotations')));
  errs.push(...validatePodSpec(t?.spec, path.child('spec'), { resourceIsPod: false }));
  if ((t?.spec?.ephemeralContainers ?? []).length > 0) {
    errs.push(
      forbidden(
        path.child('spec', 'ephemeralContainers'),
        'ephemeral containers not allowed in pod template',
      ),
    );
  }
  return errs;
}
