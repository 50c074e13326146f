import { describe, expect, it } from 'vitest';
import type { JsonObject, KubeObject } from '../../api/object';
import { applyPatch, createThreeWayMergePatch, createTwoWayMergePatch } from './index';

function nginx(replicas: number, image: string, env: { name: string; value: string }[]): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [
            { name: 'nginx', image, ports: [{ containerPort: 80 }], env },
            { name: 'sidecar', image: 'busybox:1.36' },
          ],
        },
      },
    },
  };
}

const live = (): KubeObject => {
  const o = nginx(2, 'nginx:1.25', [
    { name: 'MODE', value: 'prod' },
    { name: 'DEBUG', value: '1' },
  ]) as KubeObject;
  o.metadata = { ...o.metadata, uid: 'u1', resourceVersion: '7', generation: 1 };
  return o;
};

const SMP = 'application/strategic-merge-patch+json';

describe('applyPatch: strategic merge patch on built-in kinds', () => {
  it('kubectl set image: containers merge by name, the sidecar survives', () => {
    const body = JSON.stringify({
      spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    });
    const r = applyPatch('Deployment', live(), SMP, body);
    if (!r.ok) throw new Error(r.message);
    const containers = (r.object.spec as JsonObject).template as JsonObject;
    const list = (containers.spec as JsonObject).containers as JsonObject[];
    expect(list.map((c) => [c.name, c.image])).toEqual([
      ['nginx', 'nginx:1.27'],
      ['sidecar', 'busybox:1.36'],
    ]);
    expect(list[0].env).toHaveLength(2);
  });

  it('the same body as a JSON merge patch replaces the whole containers list', () => {
    const body = JSON.stringify({
      spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    });
    const r = applyPatch('Deployment', live(), 'application/merge-patch+json', body);
    if (!r.ok) throw new Error(r.message);
    const spec = ((r.object.spec as JsonObject).template as JsonObject).spec as JsonObject;
    expect(spec.containers).toEqual([{ name: 'nginx', image: 'nginx:1.27' }]);
  });

  it('kubectl label: a merge patch adds a label and null removes one', () => {
    const r = applyPatch(
      'Deployment',
      live(),
      'application/merge-patch+json',
      '{"metadata":{"labels":{"tier":"web","app":null}}}',
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.object.metadata?.labels).toEqual({ tier: 'web' });
  });

  it('kubectl apply of an edited nginx Deployment: the patch kubectl sends and the stored result', () => {
    const lastApplied = nginx(2, 'nginx:1.25', [
      { name: 'MODE', value: 'prod' },
      { name: 'DEBUG', value: '1' },
    ]);
    const edited = nginx(4, 'nginx:1.27', [{ name: 'MODE', value: 'prod' }]);
    const current = live() as JsonObject;
    const patch = createThreeWayMergePatch(lastApplied, edited, current, 'Deployment');
    expect(JSON.stringify(patch)).toBe(
      JSON.stringify({
        spec: {
          replicas: 4,
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }],
              containers: [
                {
                  '$setElementOrder/env': [{ name: 'MODE' }],
                  env: [{ $patch: 'delete', name: 'DEBUG' }],
                  image: 'nginx:1.27',
                  name: 'nginx',
                },
              ],
            },
          },
        },
      }),
    );
    const r = applyPatch('Deployment', current as KubeObject, SMP, JSON.stringify(patch));
    if (!r.ok) throw new Error(r.message);
    const spec = r.object.spec as JsonObject;
    expect(spec.replicas).toBe(4);
    const containers = ((spec.template as JsonObject).spec as JsonObject).containers as JsonObject[];
    expect(containers[0]).toEqual({
      name: 'nginx',
      image: 'nginx:1.27',
      ports: [{ containerPort: 80 }],
      env: [{ name: 'MODE', value: 'prod' }],
    });
    expect(containers[1].name).toBe('sidecar');
    expect(r.object.metadata?.uid).toBe('u1');
  });

  it('a field set by someone else and absent from last-applied is kept by apply', () => {
    const lastApplied = nginx(2, 'nginx:1.25', []);
    const current = live() as JsonObject;
    ((current.spec as JsonObject).template as JsonObject).spec = {
      ...(((current.spec as JsonObject).template as JsonObject).spec as JsonObject),
      nodeSelector: { disk: 'ssd' },
    };
    const patch = createThreeWayMergePatch(lastApplied, nginx(3, 'nginx:1.25', []), current, 'Deployment');
    const r = applyPatch('Deployment', current as KubeObject, SMP, JSON.stringify(patch));
    if (!r.ok) throw new Error(r.message);
    expect((((r.object.spec as JsonObject).template as JsonObject).spec as JsonObject).nodeSelector).toEqual({
      disk: 'ssd',
    });
  });

  it('two-way patch of a Service merges ports by port', () => {
    const a: JsonObject = { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } };
    const b: JsonObject = { spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443 }] } };
    expect(createTwoWayMergePatch(a, b, 'Service')).toEqual({
      spec: {
        '$setElementOrder/ports': [{ port: 80 }, { port: 443 }],
        ports: [{ port: 80, targetPort: 9090 }],
      },
    });
  });

  it('deployment strategy uses retainKeys: switching to Recreate drops rollingUpdate', () => {
    const o = live();
    (o.spec as JsonObject).strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } };
    const patch = createTwoWayMergePatch(
      { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } } } },
      { spec: { strategy: { type: 'Recreate' } } },
      'Deployment',
    );
    expect(patch).toEqual({
      spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } },
    });
    const r = applyPatch('Deployment', o, SMP, JSON.stringify(patch));
    if (!r.ok) throw new Error(r.message);
    expect((r.object.spec as JsonObject).strategy).toEqual({ type: 'Recreate' });
  });

  it('finalizers are a merge set: $deleteFromPrimitiveList removes one', () => {
    const o = live();
    o.metadata = { ...o.metadata, finalizers: ['a/x', 'b/y'] };
    const r = applyPatch(
      'Deployment',
      o,
      SMP,
      '{"metadata":{"$deleteFromPrimitiveList/finalizers":["a/x"],"finalizers":["c/z"]}}',
    );
    if (!r.ok) throw new Error(r.message);
    // Patch items lead: the live order cannot place c/z relative to b/y (mergeSortedSlice).
    expect(r.object.metadata?.finalizers).toEqual(['c/z', 'b/y']);
  });

  it('tolerations have no strategy, so a patch replaces them', () => {
    const o = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { tolerations: [{ key: 'a' }], containers: [] },
    };
    const r = applyPatch('Pod', o, SMP, '{"spec":{"tolerations":[{"key":"b"}]}}');
    if (!r.ok) throw new Error(r.message);
    expect((r.object.spec as JsonObject).tolerations).toEqual([{ key: 'b' }]);
  });

  it('missing merge key is a 500 with the upstream text', () => {
    const r = applyPatch(
      'Deployment',
      live(),
      SMP,
      '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}',
    );
    expect(r).toEqual({
      ok: false,
      code: 500,
      reason: '',
      message: 'map: map[image:x] does not contain declared merge key: name',
    });
  });
});

describe('applyPatch: errors', () => {
  it('415 for an unknown content type, listing what is accepted', () => {
    expect(applyPatch('Deployment', live(), 'application/json', '{}')).toEqual({
      ok: false,
      code: 415,
      reason: 'UnsupportedMediaType',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json',
    });
  });
  it('415 for server-side apply, which KubeSim does not implement', () => {
    expect(applyPatch('Deployment', live(), 'application/apply-patch+yaml', 'a: b')).toMatchObject({
      ok: false,
      code: 415,
    });
  });
  it('custom resources accept no strategic merge patch', () => {
    const r = applyPatch('Widget', { metadata: { name: 'w' } }, SMP, '{}');
    expect(r).toMatchObject({
      code: 415,
      message: expect.stringMatching(
        /include: application\/json-patch\+json, application\/merge-patch\+json$/,
      ),
    });
  });
  it('charset suffix is ignored', () => {
    expect(applyPatch('Deployment', live(), 'application/merge-patch+json; charset=utf-8', '{}').ok).toBe(
      true,
    );
  });
  it('malformed bodies are 400s with Go json texts', () => {
    expect(applyPatch('Deployment', live(), SMP, '{"spec":')).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'unexpected end of JSON input',
    });
    expect(applyPatch('Deployment', live(), SMP, '{spec:1}')).toMatchObject({
      code: 400,
      message: "invalid character 's' looking for beginning of object key string",
    });
    expect(applyPatch('Deployment', live(), SMP, '[]')).toMatchObject({
      code: 400,
      message: 'json: cannot unmarshal array into Go value of type map[string]interface {}',
    });
    expect(applyPatch('Deployment', live(), 'application/merge-patch+json', '{x')).toMatchObject({
      code: 400,
      message: 'Invalid JSON Patch',
    });
    expect(applyPatch('Deployment', live(), 'application/json-patch+json', '{}')).toMatchObject({
      code: 400,
      message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    });
  });
  it('the name may not change; a cleared namespace is restored', () => {
    expect(
      applyPatch('Deployment', live(), 'application/merge-patch+json', '{"metadata":{"name":"other"}}'),
    ).toMatchObject({
      code: 400,
      message: 'the name of the object (other) does not match the name on the URL (nginx)',
    });
    const r = applyPatch(
      'Deployment',
      live(),
      'application/merge-patch+json',
      '{"metadata":{"namespace":null}}',
    );
    expect(r.ok && r.object.metadata?.namespace).toBe('default');
  });
});

describe('applyPatch: JSON patch (evanphx/json-patch v4 semantics)', () => {
  const JP = 'application/json-patch+json';
  it('applies add/replace/remove/test in order', () => {
    const r = applyPatch(
      'Deployment',
      live(),
      JP,
      JSON.stringify([
        { op: 'test', path: '/spec/replicas', value: 2 },
        { op: 'replace', path: '/spec/replicas', value: 5 },
        { op: 'add', path: '/metadata/labels/tier', value: 'web' },
        { op: 'remove', path: '/spec/template/spec/containers/1' },
        { op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'X', value: 'y' } },
      ]),
    );
    if (!r.ok) throw new Error(r.message);
    const spec = r.object.spec as JsonObject;
    expect(spec.replicas).toBe(5);
    expect(r.object.metadata?.labels).toEqual({ app: 'nginx', tier: 'web' });
    const containers = ((spec.template as JsonObject).spec as JsonObject).containers as JsonObject[];
    expect(containers).toHaveLength(1);
    expect((containers[0].env as JsonObject[]).map((e) => e.name)).toEqual(['MODE', 'DEBUG', 'X']);
  });
  it('a failed test is a 422 with the generic upstream message', () => {
    const r = applyPatch('Deployment', live(), JP, '[{"op":"test","path":"/spec/replicas","value":3}]');
    expect(r).toEqual({
      ok: false,
      code: 422,
      reason: 'Invalid',
      message: 'the server rejected our request due to an error in our request',
      cause: 'testing value /spec/replicas failed: test failed',
    });
  });
  it('removing a missing path or key', () => {
    expect(applyPatch('Deployment', live(), JP, '[{"op":"remove","path":"/spec/nope/x"}]')).toMatchObject({
      code: 422,
      cause: 'remove operation does not apply: doc is missing path: "/spec/nope/x": missing value',
    });
    expect(
      applyPatch('Deployment', live(), JP, '[{"op":"remove","path":"/metadata/labels/zzz"}]'),
    ).toMatchObject({
      cause:
        "error in remove for path: '/metadata/labels/zzz': Unable to remove nonexistent key: zzz: missing value",
    });
  });
  it('replace of a missing object key adds it (a v4 quirk)', () => {
    const r = applyPatch('Deployment', live(), JP, '[{"op":"replace","path":"/spec/paused","value":true}]');
    expect(r.ok && (r.object.spec as JsonObject).paused).toBe(true);
  });
  it('an out-of-range index', () => {
    expect(
      applyPatch(
        'Deployment',
        live(),
        JP,
        '[{"op":"add","path":"/spec/template/spec/containers/5","value":{}}]',
      ),
    ).toMatchObject({
      cause:
        "error in add for path: '/spec/template/spec/containers/5': Unable to access invalid index: 5: invalid index referenced",
    });
  });
  it('an unknown op', () => {
    expect(applyPatch('Deployment', live(), JP, '[{"op":"frob","path":"/a"}]')).toMatchObject({
      cause: 'Unexpected kind: frob',
    });
  });
});
