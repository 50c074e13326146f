import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../object';
import { applyDefaults, defaultPullPolicy } from '.';
import { validateCreate } from '../validation';
import simplePod from '../../../../../shared/upstream-examples/pods/simple-pod.yaml?raw';
import httpLiveness from '../../../../../shared/upstream-examples/pods/probe/http-liveness.yaml?raw';
import cpuRequestLimit from '../../../../../shared/upstream-examples/pods/resource/cpu-request-limit.yaml?raw';
import deployment from '../../../../../shared/upstream-examples/application/deployment.yaml?raw';
import nginxService from '../../../../../shared/upstream-examples/service/nginx-service.yaml?raw';
import daemonset from '../../../../../shared/upstream-examples/controllers/daemonset.yaml?raw';
import namespaceDev from '../../../../../shared/upstream-examples/admin/namespace-dev.yaml?raw';
import lbExample from '../../../../../shared/upstream-examples/service/load-balancer-example.yaml?raw';

function load(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}

function defaulted(text: string): KubeObject {
  const [o] = load(text);
  applyDefaults(String(o.kind), o);
  if (o.metadata && !o.metadata.namespace && o.kind !== 'Namespace')
    (o.metadata as { namespace?: string }).namespace = 'default';
  expect(validateCreate(String(o.kind), o)).toEqual([]);
  return o;
}

/** Loose view for reaching into defaulted JSON in assertions. */
interface J {
  [k: string]: J;
}

describe('defaults of upstream examples', () => {
  it('simple pod', () => {
    const pod = defaulted(simplePod) as unknown as J;
    expect(pod.spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30,
      securityContext: {},
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
    });
    expect(pod.spec.containers[0]).toMatchObject({
      image: 'nginx:1.14.2',
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      resources: {},
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    });
  });

  it('probe defaults (http-liveness)', () => {
    const pod = defaulted(httpLiveness) as unknown as J;
    expect(pod.spec.containers[0].livenessProbe).toEqual({
      httpGet: {
        path: '/healthz',
        port: 8080,
        httpHeaders: [{ name: 'Custom-Header', value: 'Awesome' }],
        scheme: 'HTTP',
      },
      initialDelaySeconds: 3,
      periodSeconds: 3,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });

  it('requests stay as given when limits are set too (cpu-request-limit)', () => {
    const pod = defaulted(cpuRequestLimit) as unknown as J;
    expect(pod.spec.containers[0].resources).toEqual({ limits: { cpu: '1' }, requests: { cpu: '0.5' } });
    const p: KubeObject = {
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'busybox', resources: { limits: { memory: '128Mi' } } }] },
    };
    applyDefaults('Pod', p);
    expect((p as unknown as J).spec.containers[0].resources).toEqual({
      limits: { memory: '128Mi' },
      requests: { memory: '128Mi' },
    });
    expect((p as unknown as J).spec.containers[0].imagePullPolicy).toBe('Always');
  });

  it('deployment', () => {
    const d = defaulted(deployment) as unknown as J;
    expect(d.spec).toMatchObject({
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(d.spec.template.metadata.creationTimestamp).toBeNull();
    expect(d.spec.template.spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
    // enableServiceLinks and priority are Pod-only (SetDefaults_Pod, admission), not template defaults.
    expect(d.spec.template.spec.enableServiceLinks).toBeUndefined();
    expect(d.spec.template.spec.priority).toBeUndefined();
  });

  it('service', () => {
    const s = defaulted(nginxService) as unknown as J;
    expect(s.spec).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
    for (const p of s.spec.ports as unknown as { protocol: string; targetPort: unknown; port: unknown }[]) {
      expect(p.protocol).toBe('TCP');
      expect(p.targetPort).toBeDefined();
    }
    const lb = load(lbExample).find((o) => o.kind === 'Service');
    if (lb) {
      applyDefaults('Service', lb);
      expect((lb as unknown as J).spec).toMatchObject({
        externalTrafficPolicy: 'Cluster',
        allocateLoadBalancerNodePorts: true,
      });
    }
    const aff: KubeObject = { kind: 'Service', spec: { sessionAffinity: 'ClientIP', ports: [{ port: 80 }] } };
    applyDefaults('Service', aff);
    expect((aff as unknown as J).spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    expect((aff as unknown as J).spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
  });

  it('daemonset', () => {
    const ds = defaulted(daemonset) as unknown as J;
    expect(ds.spec).toMatchObject({
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    });
  });

  it('namespace', () => {
    const ns = defaulted(namespaceDev) as unknown as J;
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.metadata.labels['kubernetes.io/metadata.name']).toBe(ns.metadata.name);
  });
});

describe('image pull policy', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['localhost:5000/nginx', 'Always'],
    ['localhost:5000/nginx:1.0', 'IfNotPresent'],
    ['nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'IfNotPresent'],
    ['', 'IfNotPresent'],
  ])('%s → %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });
});
