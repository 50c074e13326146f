import { parseAllDocuments } from 'yaml';
import {
  groupVersion,
  isObj,
  KubectlError,
  resourcePath,
  type Json,
  type JsonObj,
  type Mapping,
} from './client';
import type { Ctx } from './types';

/**
 * The parts of cli-runtime's resource.Builder that the commands share: turning `TYPE NAME…`,
 * `TYPE/NAME…`, `-f FILE` and `-l SELECTOR` into concrete objects, with kubectl's messages.
 */

export interface Target {
  mapping: Mapping;
  /** Undefined for "every object of this type" (a list). */
  name?: string;
}

export interface ManifestObject {
  source: string;
  obj: JsonObj;
  mapping: Mapping;
  namespace: string;
  name: string;
}

/** Splits `pods,svc` and expands categories (`all`) the way discovery's category expander does. */
export async function expandTypes(ctx: Ctx, types: string): Promise<Mapping[]> {
  const out: Mapping[] = [];
  for (const t of types.split(',')) {
    if (t === '') continue;
    const all = await ctx.client.discover();
    const inCategory = all.filter((m) => m.categories.includes(t.toLowerCase()));
    const direct = all.find((m) => m.resource === t || m.shortNames.includes(t));
    if (inCategory.length > 0 && !direct) {
      for (const m of inCategory) if (!out.includes(m)) out.push(m);
      continue;
    }
    const m = await ctx.client.mapping(t);
    if (!out.includes(m)) out.push(m);
  }
  return out;
}

/** ResourceTypeOrNameArgs: `TYPE[,TYPE] [NAME…]` or `TYPE/NAME…`. */
export async function targetsFromArgs(ctx: Ctx, args: string[]): Promise<Target[]> {
  if (args.length === 0) return [];
  if (args.some((a) => a.includes('/'))) {
    if (!args.every((a) => a.includes('/'))) {
      if (!args[0].includes('/'))
        throw new KubectlError(
          `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '${ctx.commandPath} resource/<resource_name>' instead of '${ctx.commandPath} resource resource/<resource_name>'`,
        );
      throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
    }
    const out: Target[] = [];
    for (const a of args) {
      const [t, ...rest] = a.split('/');
      const name = rest.join('/');
      if (!t || !name)
        throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      out.push({ mapping: await ctx.client.mapping(t), name });
    }
    return out;
  }
  const mappings = await expandTypes(ctx, args[0]);
  const names = args.slice(1);
  if (names.length === 0) return mappings.map((m) => ({ mapping: m }));
  return mappings.flatMap((m) => names.map((n) => ({ mapping: m, name: n })));
}

/** Reads `-f` sources: a path from the virtual file map, or `-` for stdin. */
export function readSources(ctx: Ctx, filenames: string[]): { source: string; text: string }[] {
  return filenames.map((f) => {
    if (f === '-') return { source: 'STDIN', text: ctx.stdin };
    const text = ctx.files[f];
    if (text === undefined) throw new KubectlError(`the path "${f}" does not exist`);
    return { source: f, text };
  });
}

/** go-yaml's wording for the parse errors learners most often make. */
function goYamlError(message: string, code: string | undefined, line: number): string {
  const known: Record<string, string> = {
    BAD_INDENT: 'did not find expected key',
    TAB_AS_INDENT: 'found character that cannot start any token',
    MULTILINE_IMPLICIT_KEY: "could not find expected ':'",
    MISSING_CHAR: 'did not find expected node content',
    UNEXPECTED_TOKEN: 'did not find expected key',
    BLOCK_AS_IMPLICIT_KEY: 'mapping values are not allowed in this context',
  };
  if (
    /Nested mappings are not allowed/.test(message) ||
    /Implicit map keys need to be followed/.test(message)
  )
    return `yaml: line ${line}: mapping values are not allowed in this context`;
  const text = (code && known[code]) ?? message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  // go-yaml marks "did not find expected key" at the end of the last good line.
  const at = text === 'did not find expected key' ? Math.max(1, line - 1) : line;
  return `yaml: line ${at}: ${text}`;
}

/** Splits a manifest stream into objects (YAML documents, a JSON object, or a v1 List). */
export function decodeManifests(source: string, text: string): JsonObj[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const v = JSON.parse(trimmed) as Json;
      return flattenLists([v]);
    } catch {
      // Not strict JSON: fall through to YAML, which is a superset.
    }
  }
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false });
  const out: Json[] = [];
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    if (d.errors.length > 0) {
      const e = d.errors[0];
      const line = e.linePos?.[0]?.line ?? 1;
      throw new KubectlError(
        `error parsing ${source}: error converting YAML to JSON: ${goYamlError(e.message, e.code, line)}`,
      );
    }
    const v = d.toJS({ maxAliasCount: 100 }) as unknown;
    if (v === null || v === undefined) continue;
    out.push(v as Json);
  }
  return flattenLists(out);
}

function flattenLists(values: Json[]): JsonObj[] {
  const out: JsonObj[] = [];
  for (const v of values) {
    if (!isObj(v)) continue;
    if (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) {
      out.push(...flattenLists(v.items));
    } else out.push(v);
  }
  return out;
}

/** Objects from `-f`, each mapped to its resource and namespace. */
export async function manifestObjects(ctx: Ctx, filenames: string[]): Promise<ManifestObject[]> {
  const out: ManifestObject[] = [];
  for (const { source, text } of readSources(ctx, filenames)) {
    const objs = decodeManifests(source, text);
    for (const obj of objs) {
      const kind = typeof obj.kind === 'string' ? obj.kind : '';
      const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
      if (!kind)
        throw new KubectlError(
          `unable to decode "${source}": Object 'Kind' is missing in '${JSON.stringify(obj)}'`,
        );
      if (!apiVersion)
        throw new KubectlError(
          `unable to decode "${source}": Object 'apiVersion' is missing in '${JSON.stringify(obj)}'`,
        );
      const mapping = await ctx.client.mappingForKind(apiVersion, kind);
      if (!mapping) {
        const gv = apiVersion.includes('/') ? apiVersion : apiVersion;
        throw new KubectlError(
          `resource mapping not found for name: "${metaName(obj)}" namespace: "${metaNamespace(obj)}" from "${source}": no matches for kind "${kind}" in version "${gv}"\nensure CRDs are installed first`,
        );
      }
      let namespace = '';
      if (mapping.namespaced) {
        const own = metaNamespace(obj);
        if (ctx.explicitNamespace && own && own !== ctx.namespace)
          throw new KubectlError(
            `the namespace from the provided object "${own}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
          );
        namespace = own || ctx.namespace;
      }
      out.push({ source, obj, mapping, namespace, name: metaName(obj) });
    }
  }
  return out;
}

export function metaOf(obj: JsonObj): JsonObj {
  return isObj(obj.metadata) ? obj.metadata : {};
}
export function metaName(obj: JsonObj): string {
  const n = metaOf(obj).name;
  return typeof n === 'string' ? n : '';
}
export function metaNamespace(obj: JsonObj): string {
  const n = metaOf(obj).namespace;
  return typeof n === 'string' ? n : '';
}

export function objectPath(m: Mapping, namespace: string, name?: string, sub?: string): string {
  return resourcePath(m, m.namespaced ? namespace : undefined, name, sub);
}

/** `deployment.apps/web` */
export function kindSlashName(m: Mapping, name: string): string {
  return `${m.group ? `${m.kind.toLowerCase()}.${m.group}` : m.kind.toLowerCase()}/${name}`;
}

export { groupVersion };
