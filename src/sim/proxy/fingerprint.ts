import type { KubeObject } from '../api/object';

/**
 * An order-independent hash of an informer's contents (each object's key and resourceVersion,
 * XOR-ed in and out as events arrive), so kube-proxies whose caches hold the same objects can
 * recognise it in O(1) and share the rules computed from them.
 */
export class ContentFingerprint {
  private h1 = 0;
  private h2 = 0;
  /** The version XOR-ed in per key: a delete event carries the delete's resourceVersion instead. */
  private readonly versions = new Map<string, string>();

  /** An object added or replaced. */
  set(obj: KubeObject): void {
    const key = `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
    this.remove(obj);
    const rv = obj.metadata?.resourceVersion ?? '';
    this.versions.set(key, rv);
    this.toggle(`${key}@${rv}`);
  }

  remove(obj: KubeObject): void {
    const key = `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
    const rv = this.versions.get(key);
    if (rv === undefined) return;
    this.versions.delete(key);
    this.toggle(`${key}@${rv}`);
  }

  get value(): string {
    return `${this.versions.size}.${(this.h1 >>> 0).toString(36)}.${(this.h2 >>> 0).toString(36)}`;
  }

  private toggle(s: string): void {
    this.h1 ^= fnv1a(s, 0x811c9dc5);
    this.h2 ^= fnv1a(s, 0x01000193);
  }
}

function fnv1a(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A final avalanche so similar keys do not cancel under XOR.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}
