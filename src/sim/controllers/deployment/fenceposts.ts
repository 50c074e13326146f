import type { Deployment } from 'kubernetes-types/apps/v1';
/** An intstr.IntOrString as kubernetes-types spells it. */
type IntOrString = number | string;

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is, `N%` of total rounded up or down. Anything
 * else is an error (validation rejects it before it gets here).
 */
export function scaledValue(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v);
  if (!m) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/**
 * deploymentutil.ResolveFenceposts: surge rounds up and unavailable rounds down, so a percentage
 * never makes a rollout stricter than asked; if both come to 0 the rollout could never move, so
 * unavailable becomes 1 (surge might be blocked by quota, unavailability cannot be).
 */
export function resolveFenceposts(
  maxSurge: IntOrString | undefined,
  maxUnavailable: IntOrString | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, desired, true);
  let unavailable = scaledValue(maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function isRollingUpdate(d: Deployment): boolean {
  return d.spec?.strategy?.type === 'RollingUpdate';
}

export function replicasOf(d: { spec?: { replicas?: number } }): number {
  return d.spec?.replicas ?? 1;
}

/** deploymentutil.MaxUnavailable: 0 for Recreate or 0 replicas, never more than replicas. */
export function maxUnavailable(d: Deployment): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  const { unavailable } = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas);
  return Math.min(unavailable, replicas);
}

/** deploymentutil.MaxSurge: 0 for Recreate. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d)).surge;
}
