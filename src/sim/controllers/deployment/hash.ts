import type { PodTemplateSpec } from 'kubernetes-types/core/v1';

/** apimachinery rand.SafeEncodeString alphabet: no vowels (no words), no 0/1/3 (no look-alikes). */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString: each byte mapped to the alphabet at (byte mod 27). */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/** 32-bit FNV-1a (hash/fnv New32a). */
export function fnv1a32(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The canonical serialization KubeSim hashes in place of Go's `spew` dump of the struct
 * (hashutil.DeepHashObject: `%#v` with sorted map keys). Both exist to make "the same template"
 * give the same bytes. Here: JSON with object keys sorted at every level, and null, `{}` and `[]`
 * left out, because the apiserver's JSON for an unset map or list and an empty one are the same
 * template (apiequality.Semantic treats nil and empty alike). Array order is kept: it is meaning.
 */
export function canonicalJson(value: unknown): string {
  const norm = normalize(value);
  return norm === undefined ? '' : JSON.stringify(norm);
}

function normalize(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) {
    const items = v.map((x) => normalize(x) ?? null);
    return items.length === 0 ? undefined : items;
  }
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const n = normalize((v as Record<string, unknown>)[k]);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return v;
}

/**
 * controller.ComputeHash: FNV-1a over the template, then — when the Deployment has a
 * `status.collisionCount` — over 8 more bytes holding the count as a little-endian uint32 (Go
 * allocates 8 and writes 4), printed in decimal and safe-encoded: the `pod-template-hash`.
 */
export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  let h = fnv1a32(new TextEncoder().encode(canonicalJson(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv1a32(extra, h);
  }
  return safeEncodeString(String(h));
}
