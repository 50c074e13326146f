import type { Deployment } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { maxSurge, maxUnavailable, resolveFenceposts } from './fenceposts';

describe('ResolveFenceposts', () => {
  it.each([
    // [maxSurge, maxUnavailable, replicas, surge, unavailable]
    ['25%', '25%', 10, 3, 2],
    ['25%', '25%', 3, 1, 0],
    ['25%', '25%', 1, 1, 0],
    ['25%', '25%', 4, 1, 1],
    ['0%', '0%', 10, 0, 1],
    [0, 0, 5, 0, 1],
    [0, '25%', 3, 0, 1],
    ['50%', '50%', 5, 3, 2],
    [2, 1, 10, 2, 1],
    ['100%', 0, 3, 3, 0],
    ['10%', '10%', 0, 0, 1],
  ] as const)('maxSurge %s maxUnavailable %s of %i → %i/%i', (s, u, r, surge, unavailable) => {
    expect(resolveFenceposts(s, u, r)).toEqual({ surge, unavailable });
  });

  it('rejects a string that is not a percentage', () => {
    expect(() => resolveFenceposts('3', 0, 10)).toThrow(/not a percentage/);
  });

  const dep = (replicas: number, type: string, s: string | number, u: string | number): Deployment => ({
    spec: {
      replicas,
      selector: {},
      template: {},
      strategy: {
        type,
        rollingUpdate: type === 'RollingUpdate' ? { maxSurge: s, maxUnavailable: u } : undefined,
      },
    },
  });

  it('caps maxUnavailable at replicas and is 0 for Recreate or no replicas', () => {
    expect(maxUnavailable(dep(2, 'RollingUpdate', 0, 5))).toBe(2);
    expect(maxUnavailable(dep(0, 'RollingUpdate', '25%', '25%'))).toBe(0);
    expect(maxUnavailable(dep(10, 'Recreate', 0, 0))).toBe(0);
    expect(maxSurge(dep(10, 'Recreate', 0, 0))).toBe(0);
    expect(maxSurge(dep(10, 'RollingUpdate', '25%', '25%'))).toBe(3);
  });
});
