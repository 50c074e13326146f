import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { canonicalJson, computeHash, fnv1a32, safeEncodeString } from './hash';

/**
 * The nginx template of kubernetes.io's `deployment.yaml` as the apiserver stores it (defaults
 * applied). How its hash is derived, step by step, as upstream's ComputeHash does:
 * 1. serialize: canonicalJson — keys sorted, `resources: {}` and `securityContext: {}` dropped;
 * 2. FNV-1a 32 over the UTF-8 bytes → 3408424919;
 * 3. print in decimal and map each digit through `bcdfghjklmnpqrstvwxz2456789` at (code mod 27):
 *    '0'→4 '1'→5 '2'→6 '3'→7 '4'→8 '5'→9 '6'→b '7'→c '8'→d '9'→f, so 3408424919 → 784d868f5f.
 */
const NGINX_TEMPLATE = {
  metadata: { labels: { app: 'nginx' } },
  spec: {
    containers: [
      {
        name: 'nginx',
        image: 'nginx:1.14.2',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        imagePullPolicy: 'IfNotPresent',
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        resources: {},
      },
    ],
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
    schedulerName: 'default-scheduler',
  },
};

describe('pod-template-hash', () => {
  it('FNV-1a 32 matches the reference vectors', () => {
    expect(fnv1a32(new TextEncoder().encode(''))).toBe(0x811c9dc5);
    expect(fnv1a32(new TextEncoder().encode('a'))).toBe(0xe40c292c);
    expect(fnv1a32(new TextEncoder().encode('foobar'))).toBe(0xbf9cf968);
  });

  it('safe-encodes decimal digits into 4-9 b c d f', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('pins the hash of the upstream nginx example template', () => {
    expect(fnv1a32(new TextEncoder().encode(canonicalJson(NGINX_TEMPLATE)))).toBe(3408424919);
    expect(computeHash(NGINX_TEMPLATE)).toBe('784d868f5f');
  });

  it('is stable under key order and nil-versus-empty, and changes with the template', () => {
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : typeof v === 'object' && v !== null
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    const reordered = reverseKeys(NGINX_TEMPLATE) as typeof NGINX_TEMPLATE;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(NGINX_TEMPLATE));
    expect(computeHash(reordered)).toBe('784d868f5f');
    const noEmpty: PodTemplateSpec = {
      ...NGINX_TEMPLATE,
      spec: { ...NGINX_TEMPLATE.spec, securityContext: undefined },
    };
    expect(computeHash(noEmpty)).toBe('784d868f5f');
    const v2 = structuredClone(NGINX_TEMPLATE);
    v2.spec.containers[0].image = 'nginx:1.16.1';
    expect(computeHash(v2)).not.toBe('784d868f5f');
    expect(computeHash(v2)).toMatch(/^[4-9bcdf]{1,10}$/);
  });

  it('mixes in collisionCount when the Deployment has one', () => {
    expect(computeHash(NGINX_TEMPLATE, 0)).toBe('6f498db6b7');
    expect(computeHash(NGINX_TEMPLATE, 1)).toBe('577dd67d74');
    expect(computeHash(NGINX_TEMPLATE, 0)).not.toBe(computeHash(NGINX_TEMPLATE));
  });
});
