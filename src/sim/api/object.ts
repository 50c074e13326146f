import type { ObjectMeta } from 'kubernetes-types/meta/v1';

/**
 * Any API object as the apiserver handles it: typed metadata, and the rest of its fields as
 * JSON. Code that knows the kind narrows it to the `kubernetes-types` type (Pod, Deployment, …).
 */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: Mutable<ObjectMeta>;
  [field: string]: unknown;
}

/** A JSON value, for code that walks objects generically (patches, validation, printers). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** kubernetes-types marks every field readonly; the apiserver and controllers build objects, so they need writable views. */
export type Mutable<T> = T extends (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;

/** A typed object (Pod, Service, …) as the generic KubeObject the apiserver handles. */
export function toKube<T extends { apiVersion?: string; kind?: string }>(obj: T): KubeObject {
  return obj as unknown as KubeObject;
}
