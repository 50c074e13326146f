/**
 * Defaulting writes into decoded JSON; `kubernetes-types` marks every field readonly, so the
 * defaulters work on this mutable view of an object instead.
 */
export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object at `o[k]`, created empty when absent (Go's non-pointer struct fields). */
export function obj(o: Obj, k: string): Obj {
  const v = o[k];
  if (isObj(v)) return v;
  const fresh: Obj = {};
  o[k] = fresh;
  return fresh;
}

/** The object at `o[k]` if present, for optional (pointer) fields. */
export function opt(o: Obj, k: string): Obj | undefined {
  const v = o[k];
  return isObj(v) ? v : undefined;
}

export function list(o: Obj, k: string): Obj[] {
  const v = o[k];
  return Array.isArray(v) ? v.filter(isObj) : [];
}

/** Sets `o[k]` when it is absent, null, or Go's zero value for a scalar (""). */
export function setDefault(o: Obj, k: string, value: unknown): void {
  if (o[k] === undefined || o[k] === null || o[k] === '') o[k] = value;
}
