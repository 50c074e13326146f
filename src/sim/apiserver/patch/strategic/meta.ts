/**
 * Patch metadata: what the `patchStrategy` / `patchMergeKey` struct tags of the Go API types tell
 * strategic merge patch. Upstream reads them by reflection from the typed struct; KubeSim has no
 * Go structs, so the tags are written down once as a tree of these nodes (see `schemas.ts`).
 */
export interface TypeSchema {
  /** A struct: its fields by JSON name. */
  fields?: { readonly [jsonName: string]: FieldMeta };
  /** A `map[string]T`: the schema of T (every key shares it). */
  mapValues?: TypeSchema;
}

export interface FieldMeta {
  /** The field's type; for a list, the type of its elements. */
  schema?: TypeSchema;
  /** The `patchStrategy` tag split on ",": "merge", "replace", "retainKeys". */
  strategies?: readonly string[];
  /** The `patchMergeKey` tag. */
  mergeKey?: string;
}

/**
 * `LookupPatchMetadata`. An unknown field gets no strategy, where upstream would fail: KubeSim's
 * objects may carry fields its table does not list, and a replace is the safe default.
 */
export function lookupPatchMeta(t: TypeSchema | undefined, key: string): FieldMeta {
  if (!t) return {};
  if (t.mapValues) return { schema: t.mapValues };
  return t.fields?.[key] ?? {};
}

/** `extractRetainKeysPatchStrategy`: whether retainKeys is among the strategies, and the other one. */
export function splitStrategies(meta: FieldMeta): { retainKeys: boolean; strategy: string } {
  const s = meta.strategies ?? [];
  if (s.length === 0) return { retainKeys: false, strategy: '' };
  if (s.length === 1)
    return s[0] === 'retainKeys' ? { retainKeys: true, strategy: '' } : { retainKeys: false, strategy: s[0] };
  if (s[0] === 'retainKeys') return { retainKeys: true, strategy: s[1] };
  return { retainKeys: s[1] === 'retainKeys', strategy: s[0] };
}
