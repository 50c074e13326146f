import { describe, expect, it } from 'vitest';
import { errorString } from '../field-errors';
import type { KubeObject } from '../object';
import { applyDefaults } from '../defaults';
import { validateCreate, validateUpdate } from '.';

/** Defaults first, as the apiserver does, then validation; returns the error strings. */
function check(kind: string, obj: KubeObject): string[] {
  const o = structuredClone(obj);
  applyDefaults(kind, o);
  return validateCreate(kind, o).map(errorString);
}

const pod = (spec: Record<string, unknown>, name = 'web'): KubeObject => ({
  metadata: { name, namespace: 'default' },
  spec,
});
const deploy = (spec: Record<string, unknown>): KubeObject => ({
  metadata: { name: 'web', namespace: 'default' },
  spec,
});
const tmpl = (
  labels: Record<string, string> | undefined,
  spec: Record<string, unknown> = { containers: [{ name: 'web', image: 'nginx:1.27' }] },
) => ({
  metadata: labels ? { labels } : {},
  spec,
});

describe('metadata', () => {
  it('names per kind', () => {
    expect(check('Namespace', { metadata: { name: 'a.b' } })).toEqual([
      'metadata.name: Invalid value: "a.b": must not contain dots',
    ]);
    expect(
      check('Service', { metadata: { name: '1svc', namespace: 'default' }, spec: { ports: [{ port: 80 }] } }),
    ).toEqual([
      "metadata.name: Invalid value: \"1svc\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(check('ConfigMap', { metadata: { namespace: 'default' } })).toEqual([
      'metadata.name: Required value: name or generateName is required',
    ]);
    expect(check('ConfigMap', { metadata: { name: 'c' } })).toEqual(['metadata.namespace: Required value']);
    expect(
      check('ConfigMap', { metadata: { generateName: 'web-', name: 'web-x2k9p', namespace: 'default' } }),
    ).toEqual([]);
  });

  it('labels and annotations', () => {
    const errs = check('ConfigMap', {
      metadata: {
        name: 'c',
        namespace: 'default',
        labels: { 'a/b/c': 'x', app: '-bad' },
        annotations: { 'Example.com/OK': 'y' },
      },
    });
    expect(errs).toEqual([
      "metadata.labels: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      "metadata.labels: Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });
});

describe('pods', () => {
  it('requires containers and images', () => {
    expect(check('Pod', pod({}))).toEqual(['spec.containers: Required value']);
    expect(check('Pod', pod({ containers: [{ name: 'web' }] }))).toEqual([
      'spec.containers[0].image: Required value',
    ]);
  });

  it('container names: rules and duplicates', () => {
    expect(
      check(
        'Pod',
        pod({
          containers: [
            { name: 'Web', image: 'nginx' },
            { name: 'Web', image: 'nginx' },
          ],
        }),
      ),
    ).toEqual([
      "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      "spec.containers[1].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      'spec.containers[1].name: Duplicate value: "Web"',
    ]);
  });

  it('ports and protocols', () => {
    expect(
      check(
        'Pod',
        pod({
          containers: [
            { name: 'w', image: 'n', ports: [{ containerPort: 70000, protocol: 'HTTP', name: 'Http' }] },
          ],
        }),
      ),
    ).toEqual([
      'spec.containers[0].ports[0].name: Invalid value: "Http": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  it('restartPolicy and dnsPolicy values', () => {
    expect(
      check('Pod', pod({ containers: [{ name: 'w', image: 'n' }], restartPolicy: 'Sometimes' })),
    ).toEqual([
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]);
  });

  it('requests must not exceed limits', () => {
    const c = {
      name: 'w',
      image: 'n',
      resources: { requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '1000m', memory: '512Mi' } },
    };
    expect(check('Pod', pod({ containers: [c] }))).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
      'spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 512Mi',
    ]);
    expect(
      check(
        'Pod',
        pod({ containers: [{ name: 'w', image: 'n', resources: { requests: { cpu: '-1', gpu: '1' } } }] }),
      ),
    ).toEqual([
      'spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0',
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
    ]);
  });

  it('probes', () => {
    const errs = check(
      'Pod',
      pod({
        containers: [{ name: 'w', image: 'n', livenessProbe: { successThreshold: 2, httpGet: { port: 0 } } }],
      }),
    );
    expect(errs).toEqual([
      'spec.containers[0].livenessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    ]);
    expect(
      check('Pod', pod({ containers: [{ name: 'w', image: 'n', readinessProbe: { periodSeconds: 5 } }] })),
    ).toEqual(['spec.containers[0].readinessProbe: Required value: must specify a handler type']);
  });

  it('tolerations and node affinity operators', () => {
    const errs = check(
      'Pod',
      pod({
        containers: [{ name: 'w', image: 'n' }],
        tolerations: [{ key: 'k', operator: 'Equals', effect: 'NoSchedule', tolerationSeconds: 5 }],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Has' }] }],
            },
          },
        },
      }),
    );
    expect(errs).toEqual([
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Has": not a valid selector operator',
      'spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
      'spec.tolerations[0].operator: Unsupported value: "Equals": supported values: "Equal", "Exists"',
    ]);
  });

  it('update may only change images', () => {
    const old = structuredClone(pod({ containers: [{ name: 'w', image: 'nginx:1.26' }] }));
    applyDefaults('Pod', old);
    const next = structuredClone(old);
    (next.spec as { containers: { image: string }[] }).containers[0].image = 'nginx:1.27';
    expect(validateUpdate('Pod', next, old)).toEqual([]);
    (next.spec as { restartPolicy: string }).restartPolicy = 'Never';
    const errs = validateUpdate('Pod', next, old).map(errorString);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /^spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,`spec\.initContainers\[\*\]\.image`,`spec\.activeDeadlineSeconds`,`spec\.tolerations` \(only additions to existing tolerations\),`spec\.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n/,
    );
    expect(errs[0]).toContain('restartPolicy');
  });
});

describe('deployments', () => {
  it('selector required and must match the template', () => {
    expect(check('Deployment', deploy({ template: tmpl({ app: 'nginx' }) }))).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
    ]);
    expect(
      check(
        'Deployment',
        deploy({ selector: { matchLabels: { app: 'web' } }, template: tmpl({ app: 'nginx', tier: 'fe' }) }),
      ),
    ).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx", "tier":"fe"}: `selector` does not match template `labels`',
    ]);
    expect(check('Deployment', deploy({ selector: {}, template: tmpl({ app: 'nginx' }) }))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ]);
  });

  it('selector operators', () => {
    const errs = check(
      'Deployment',
      deploy({
        selector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['a'] }] },
        template: tmpl({ app: 'a' }),
      }),
    );
    expect(errs[0]).toBe(
      'spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
    );
    expect(errs[1]).toBe(
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Equals", Values:[]string{"a"}}}}: invalid label selector',
    );
  });

  it('replicas, restartPolicy and strategy', () => {
    const base = { selector: { matchLabels: { app: 'a' } } };
    expect(check('Deployment', deploy({ ...base, replicas: -1, template: tmpl({ app: 'a' }) }))).toEqual([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ]);
    expect(
      check(
        'Deployment',
        deploy({
          ...base,
          template: tmpl(
            { app: 'a' },
            { containers: [{ name: 'w', image: 'n' }], restartPolicy: 'OnFailure' },
          ),
        }),
      ),
    ).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]);
    expect(
      check(
        'Deployment',
        deploy({
          ...base,
          template: tmpl({ app: 'a' }),
          strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } },
        }),
      ),
    ).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"0%"}: may not be 0 when `maxSurge` is 0',
    ]);
    expect(
      check(
        'Deployment',
        deploy({ ...base, template: tmpl({ app: 'a', x: 'y' }, { containers: [{ name: 'w' }] }) }),
      ),
    ).toEqual(['spec.template.spec.containers[0].image: Required value']);
  });

  it('selector is immutable', () => {
    const old = deploy({ selector: { matchLabels: { app: 'a' } }, template: tmpl({ app: 'a', v: '2' }) });
    applyDefaults('Deployment', old);
    const next = structuredClone(old);
    (next.spec as { selector: unknown }).selector = { matchLabels: { app: 'a', v: '2' } };
    expect(validateUpdate('Deployment', next, old).map(errorString)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"a", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('daemonsets without a selector only report the template mismatch', () => {
    expect(check('DaemonSet', deploy({ template: tmpl({ app: 'a' }) }))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"a"}: `selector` does not match template `labels`',
    ]);
  });
});

describe('services', () => {
  const svc = (spec: Record<string, unknown>): KubeObject => ({
    metadata: { name: 'web', namespace: 'default' },
    spec,
  });
  it('ports, protocols, names and node ports', () => {
    expect(check('Service', svc({}))).toEqual(['spec.ports: Required value']);
    expect(
      check(
        'Service',
        svc({
          ports: [
            { port: 0, protocol: 'HTTP' },
            { port: 80, name: 'http' },
          ],
        }),
      ),
    ).toEqual([
      'spec.ports[0].name: Required value',
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
    expect(check('Service', svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }))).toEqual([
      'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ]);
    expect(check('Service', svc({ ports: [{ port: 80, nodePort: 30080 }] }))).toEqual([
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
    expect(check('Service', svc({ type: 'Cluster', ports: [{ port: 80 }] }))).toContain(
      'spec.type: Unsupported value: "Cluster": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
    expect(
      check(
        'Service',
        svc({
          ports: [
            { port: 80, name: 'a' },
            { port: 80, name: 'b' },
          ],
        }),
      ),
    ).toEqual([
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ]);
  });

  it('clusterIP is immutable', () => {
    const old = svc({ clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'], ports: [{ port: 80 }] });
    applyDefaults('Service', old);
    const next = structuredClone(old);
    Object.assign(next.spec as object, { clusterIP: '10.96.0.21', clusterIPs: ['10.96.0.21'] });
    expect(validateUpdate('Service', next, old).map(errorString)).toEqual([
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.21"}: may not change once set',
    ]);
  });
});

describe('other kinds', () => {
  it('namespaces may not be renamed', () => {
    const old = { metadata: { name: 'dev', uid: 'u1' } };
    expect(
      validateUpdate('Namespace', { metadata: { name: 'prod', uid: 'u1' } }, old).map(errorString),
    ).toEqual(['metadata.name: Invalid value: "prod": field is immutable']);
  });
  it('configmap keys', () => {
    expect(
      check('ConfigMap', { metadata: { name: 'c', namespace: 'default' }, data: { 'a b': 'x' } }),
    ).toEqual([
      "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
  });
  it('endpoints reject loopback addresses', () => {
    expect(
      check('Endpoints', {
        metadata: { name: 'e', namespace: 'default' },
        subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 80 }] }],
      }),
    ).toEqual([
      'subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ]);
  });
});
