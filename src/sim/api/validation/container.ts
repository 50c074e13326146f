import type { Container, ContainerPort, EnvVar, Probe, ResourceRequirements } from 'kubernetes-types/core/v1';
import {
  duplicate,
  forbidden,
  invalid,
  notFound,
  notSupported,
  required,
  type FieldError,
  type FieldPath,
} from '../field-errors';
import { parseMilli } from '../quantity';
import { formatQuantity } from './quantity-text';
import {
  isConfigMapKey,
  isEnvVarName,
  isHTTPHeaderName,
  isQualifiedName,
  isValidPortName,
  isValidPortNum,
} from './formats';
import { IS_NEGATIVE_ERROR, nameIsDNSSubdomain, validateDNS1123Label } from './metadata';

/** sets.List(supportedPortProtocols): sorted. */
export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function validateContainerPorts(ports: ContainerPort[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = path.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length > 0) for (const m of msgs) errs.push(invalid(p.child('name'), port.name, m));
      else if (names.has(port.name)) errs.push(duplicate(p.child('name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(p.child('containerPort')));
    else
      for (const m of isValidPortNum(port.containerPort))
        errs.push(invalid(p.child('containerPort'), port.containerPort, m));
    if (port.hostPort)
      for (const m of isValidPortNum(port.hostPort))
        errs.push(invalid(p.child('hostPort'), port.hostPort, m));
    if (!port.protocol) errs.push(required(p.child('protocol')));
    else if (!PORT_PROTOCOLS.includes(port.protocol))
      errs.push(notSupported(p.child('protocol'), port.protocol, PORT_PROTOCOLS));
  });
  return errs;
}

const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
const RESOURCE_FIELD_PATHS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];

function validateEnvValueFrom(ev: EnvVar, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const vf = ev.valueFrom;
  if (!vf) return errs;
  let sources = 0;
  if (vf.fieldRef) {
    sources++;
    const fp = path.child('fieldRef');
    if (!vf.fieldRef.apiVersion) errs.push(required(fp.child('apiVersion')));
    else if (!vf.fieldRef.fieldPath) errs.push(required(fp.child('fieldPath')));
    else {
      const m = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(vf.fieldRef.fieldPath);
      if (m) {
        const key = m[1] === 'metadata.annotations' ? m[2].toLowerCase() : m[2];
        for (const msg of isQualifiedName(key)) errs.push(invalid(fp, key, msg));
      } else if (!ENV_FIELD_PATHS.includes(vf.fieldRef.fieldPath)) {
        errs.push(notSupported(fp.child('fieldPath'), vf.fieldRef.fieldPath, ENV_FIELD_PATHS));
      }
    }
  }
  if (vf.resourceFieldRef) {
    sources++;
    const rp = path.child('resourceFieldRef');
    const r = vf.resourceFieldRef.resource;
    if (!r) errs.push(required(rp.child('resource')));
    else if (!RESOURCE_FIELD_PATHS.includes(r) && !/^(requests|limits)\.hugepages-/.test(r))
      errs.push(notSupported(rp.child('resource'), r, RESOURCE_FIELD_PATHS));
  }
  for (const [k, sel] of [
    ['configMapKeyRef', vf.configMapKeyRef],
    ['secretKeyRef', vf.secretKeyRef],
  ] as const) {
    if (!sel) continue;
    sources++;
    const sp = path.child(k);
    for (const msg of nameIsDNSSubdomain(sel.name ?? '', false))
      errs.push(invalid(sp.child('name'), sel.name ?? '', msg));
    if (!sel.key) errs.push(required(sp.child('key')));
    else for (const msg of isConfigMapKey(sel.key)) errs.push(invalid(sp.child('key'), sel.key, msg));
  }
  if (sources === 0)
    errs.push(
      invalid(
        path,
        '',
        'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
      ),
    );
  else if (ev.value) errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (sources > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

export function validateEnv(vars: EnvVar[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((ev, i) => {
    const p = path.index(i);
    if (!ev.name) errs.push(required(p.child('name')));
    else for (const m of isEnvVarName(ev.name)) errs.push(invalid(p.child('name'), ev.name, m));
    errs.push(...validateEnvValueFrom(ev, p.child('valueFrom')));
  });
  return errs;
}

function validatePortNumOrName(port: number | string | undefined, path: FieldPath): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(path, port, m));
  return isValidPortNum(port ?? 0).map((m) => invalid(path, port ?? 0, m));
}

type Handler = Pick<Probe, 'exec' | 'httpGet' | 'tcpSocket' | 'grpc'> & { sleep?: { seconds: number } };

function validateHandler(h: Handler, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const one = (name: string, check: () => FieldError[]): void => {
    if (n > 0) errs.push(forbidden(path.child(name), 'may not specify more than 1 handler type'));
    else {
      n++;
      errs.push(...check());
    }
  };
  if (h.exec)
    one('exec', () =>
      (h.exec?.command ?? []).length === 0 ? [required(path.child('exec', 'command'))] : [],
    );
  if (h.httpGet) {
    const g = h.httpGet;
    one('httpGet', () => {
      const p = path.child('httpGet');
      const e: FieldError[] = [];
      if (!g.path) e.push(required(p.child('path')));
      e.push(...validatePortNumOrName(g.port, p.child('port')));
      if (g.scheme !== 'HTTP' && g.scheme !== 'HTTPS')
        e.push(notSupported(p.child('scheme'), g.scheme ?? '', ['HTTP', 'HTTPS']));
      for (const hd of g.httpHeaders ?? [])
        for (const m of isHTTPHeaderName(hd.name)) e.push(invalid(p.child('httpHeaders'), hd.name, m));
      return e;
    });
  }
  if (h.tcpSocket) {
    const t = h.tcpSocket;
    one('tcpSocket', () => validatePortNumOrName(t.port, path.child('tcpSocket', 'port')));
  }
  if (h.grpc) {
    const g = h.grpc;
    one('grpc', () => validatePortNumOrName(g.port, path.child('grpc', 'port')));
  }
  if (h.sleep) {
    const s = h.sleep;
    one('sleep', () =>
      gracePeriod !== undefined && (s.seconds <= 0 || s.seconds > gracePeriod)
        ? [
            invalid(
              path.child('sleep'),
              s.seconds,
              `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`,
            ),
          ]
        : [],
    );
  }
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: Probe, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errs = validateHandler(probe, gracePeriod, path);
  for (const k of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ] as const) {
    const v = probe[k];
    if (v !== undefined && v < 0) errs.push(invalid(path.child(k), v, IS_NEGATIVE_ERROR));
  }
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(
      invalid(
        path.child('terminationGracePeriodSeconds'),
        probe.terminationGracePeriodSeconds,
        'must be greater than 0',
      ),
    );
  }
  return errs;
}

export function validateLivenessOrStartupProbe(
  probe: Probe | undefined,
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  if (!probe) return [];
  const errs = validateProbe(probe, gracePeriod, path);
  // Defaulting makes an absent successThreshold 1.
  if ((probe.successThreshold ?? 1) !== 1)
    errs.push(invalid(path.child('successThreshold'), probe.successThreshold, 'must be 1'));
  return errs;
}

export function validateReadinessProbe(
  probe: Probe | undefined,
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  if (!probe) return [];
  const errs = validateProbe(probe, gracePeriod, path);
  if (probe.terminationGracePeriodSeconds !== undefined) {
    errs.push(
      invalid(
        path.child('terminationGracePeriodSeconds'),
        probe.terminationGracePeriodSeconds,
        'must not be set for readinessProbes',
      ),
    );
  }
  return errs;
}

export function validateLifecycle(
  c: Container,
  gracePeriod: number | undefined,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  if (c.lifecycle?.postStart)
    errs.push(...validateHandler(c.lifecycle.postStart, gracePeriod, path.child('postStart')));
  if (c.lifecycle?.preStop)
    errs.push(...validateHandler(c.lifecycle.preStop, gracePeriod, path.child('preStop')));
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);

const isHugePages = (n: string): boolean => n.startsWith('hugepages-');
const isNative = (n: string): boolean => !n.includes('/') || n.includes('kubernetes.io/');
/** Native resources other than hugepages may be overcommitted (requests below limits). */
const overcommitAllowed = (n: string): boolean => isNative(n) && !isHugePages(n);

function validateContainerResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (
    errs.length === 0 &&
    !name.includes('/') &&
    !STANDARD_RESOURCES.has(name) &&
    !isHugePages(name) &&
    !name.startsWith('requests.hugepages-')
  ) {
    errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  }
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name))
      errs.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (
    !isNative(name) &&
    (name.startsWith('requests.') || isQualifiedName(`requests.${name}`).length > 0)
  ) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** validateResourceRequirements (container flavour). Malformed quantities fail decoding upstream, so they are skipped here. */
export function validateResources(res: ResourceRequirements | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  const limits = (res?.limits ?? {}) as Record<string, string | number>;
  const requests = (res?.requests ?? {}) as Record<string, string | number>;
  let limCpuMem = false;
  let reqCpuMem = false;
  let hugePages = false;
  for (const [name, q] of Object.entries(limits)) {
    const p = limPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    const milli = parseMilli(q);
    if (milli !== undefined && milli < 0) errs.push(invalid(p, formatQuantity(q), IS_NEGATIVE_ERROR));
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const [name, q] of Object.entries(requests)) {
    const p = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    const milli = parseMilli(q);
    if (milli !== undefined && milli < 0) errs.push(invalid(p, formatQuantity(q), IS_NEGATIVE_ERROR));
    if (name in limits) {
      const lim = parseMilli(limits[name]);
      if (milli !== undefined && lim !== undefined) {
        if (milli !== lim && !overcommitAllowed(name)) {
          errs.push(
            invalid(
              reqPath,
              formatQuantity(q),
              `must be equal to ${name} limit of ${formatQuantity(limits[name])}`,
            ),
          );
        } else if (milli > lim) {
          errs.push(
            invalid(
              reqPath,
              formatQuantity(q),
              `must be less than or equal to ${name} limit of ${formatQuantity(limits[name])}`,
            ),
          );
        }
      }
    } else if (!overcommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && hugePages) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

/** validateContainerCommon: what every container kind shares. `volumes` are the pod's volume names. */
export function validateContainerCommon(
  c: Container,
  volumes: ReadonlySet<string>,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(path.child('name')));
  else errs.push(...validateDNS1123Label(c.name, path.child('name')));
  if (!c.image) errs.push(required(path.child('image')));
  const tmp = c.terminationMessagePolicy;
  if (!tmp) errs.push(required(path.child('terminationMessagePolicy')));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp))
    errs.push(notSupported(path.child('terminationMessagePolicy'), tmp, TERMINATION_MESSAGE_POLICIES));
  errs.push(...validateContainerPorts(c.ports, path.child('ports')));
  errs.push(...validateEnv(c.env, path.child('env')));
  errs.push(...validateVolumeMounts(c, volumes, path.child('volumeMounts')));
  if (!c.imagePullPolicy) errs.push(required(path.child('imagePullPolicy')));
  else if (!PULL_POLICIES.includes(c.imagePullPolicy))
    errs.push(notSupported(path.child('imagePullPolicy'), c.imagePullPolicy, PULL_POLICIES));
  errs.push(...validateResources(c.resources, path.child('resources')));
  return errs;
}

function validateVolumeMounts(c: Container, volumes: ReadonlySet<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  (c.volumeMounts ?? []).forEach((m, i) => {
    const p = path.index(i);
    if (!m.name) errs.push(required(p.child('name')));
    if (!volumes.has(m.name)) errs.push(notFound(p.child('name'), m.name ?? ''));
    if (!m.mountPath) errs.push(required(p.child('mountPath')));
    if (mountPoints.has(m.mountPath)) errs.push(invalid(p.child('mountPath'), m.mountPath, 'must be unique'));
    mountPoints.add(m.mountPath);
  });
  return errs;
}
