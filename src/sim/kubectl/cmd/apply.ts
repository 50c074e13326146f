import type { JsonObject } from '../../api/object';
import { createThreeWayMergePatch, schemaForKind } from '../../apiserver/patch';
import { ApiError, isObj, KubectlError, type JsonObj, type Mapping } from '../client';
import { AggregateError } from '../errors';
import {
  addSourceToErr,
  dryRunOf,
  fieldValidation,
  FILENAME_FLAGS,
  patchObject,
  printOutcome,
  VALIDATE_FLAG,
  WRITE_FLAGS,
  writeQuery,
} from '../mutate';
import { goJson } from '../printers/json';
import { manifestObjects, objectPath } from '../resource';
import type { Command } from '../types';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** json.Marshal of an unstructured object plus the encoder's newline: the annotation's value. */
function encode(obj: JsonObj): string {
  return goJson(obj, '') + '\n';
}

/**
 * util.GetModifiedConfiguration(annotate=true): the manifest with its own serialization (taken
 * with an empty annotation map, so `"annotations":{}` appears) stored in the annotation.
 */
export function lastAppliedFor(manifest: JsonObj, m: Mapping, namespace: string): JsonObj {
  const obj = structuredClone(manifest);
  const meta: JsonObj = isObj(obj.metadata) ? obj.metadata : {};
  obj.metadata = meta;
  if (m.namespaced) meta.namespace = namespace;
  const annots: JsonObj = isObj(meta.annotations) ? { ...meta.annotations } : {};
  delete annots[LAST_APPLIED];
  meta.annotations = annots;
  const withoutAnnotation = encode(obj);
  meta.annotations = { ...annots, [LAST_APPLIED]: withoutAnnotation };
  return obj;
}

/** Client-side `kubectl apply -f`: create what is missing, three-way patch what exists. */
export const applyCommand: Command = {
  name: 'apply',
  flags: [
    ...WRITE_FLAGS,
    ...FILENAME_FLAGS,
    VALIDATE_FLAG,
    { name: 'server-side', type: 'bool' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'overwrite', type: 'bool', default: true },
    { name: 'prune', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'wait', type: 'bool' },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
    { name: 'openapi-patch', type: 'bool', default: true },
    { name: 'prune-allowlist', type: 'stringArray' },
  ],
  async run(ctx) {
    const filenames = ctx.flags.list('filename');
    if (filenames.length === 0 && !ctx.flags.str('kustomize'))
      throw new KubectlError('must specify one of -f and -k');
    const dry = dryRunOf(ctx.flags);
    const objs = await manifestObjects(ctx, filenames);
    if (objs.length === 0) throw new KubectlError('no objects passed to apply');
    const errs: Error[] = [];
    for (const o of objs) {
      const modified = lastAppliedFor(o.obj, o.mapping, o.namespace);
      const path = objectPath(o.mapping, o.namespace, o.name);
      let current: JsonObj | undefined;
      try {
        current = await ctx.client.json(path);
      } catch (e) {
        if (!(e instanceof ApiError && e.status.reason === 'NotFound')) {
          errs.push(addSourceToErr('retrieving current configuration of', o.source, e));
          continue;
        }
      }
      try {
        if (!current) {
          const created =
            dry === 'client'
              ? modified
              : await ctx.client.json(objectPath(o.mapping, o.namespace), {
                  method: 'POST',
                  body: JSON.stringify(modified),
                  query: writeQuery(ctx.flags, { fieldValidation: fieldValidation(ctx.flags) }),
                });
          printOutcome(ctx, o.mapping, created, 'created', dry);
          continue;
        }
        const meta = isObj(current.metadata) ? current.metadata : {};
        const annots = isObj(meta.annotations) ? meta.annotations : {};
        const lastText = annots[LAST_APPLIED];
        if (typeof lastText !== 'string')
          ctx.err(
            `Warning: resource ${o.mapping.resource}/${o.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
          );
        let original: JsonObject | undefined;
        if (typeof lastText === 'string' && lastText.trim()) original = JSON.parse(lastText) as JsonObject;
        const kind = o.mapping.kind;
        const patch = schemaForKind(kind)
          ? createThreeWayMergePatch(original, modified as JsonObject, current as JsonObject, kind)
          : mergePatchFor(original, modified, current);
        const body = goJson(patch as JsonObj, '');
        if (body === '{}') {
          printOutcome(ctx, o.mapping, current, 'unchanged', dry);
          continue;
        }
        const patched =
          dry === 'client'
            ? current
            : await patchObject(
                ctx,
                o.mapping,
                o.namespace,
                o.name,
                body,
                schemaForKind(kind) ? 'strategic' : 'merge',
                'kubectl-client-side-apply',
              );
        printOutcome(ctx, o.mapping, patched, 'configured', dry);
      } catch (e) {
        errs.push(addSourceToErr(current ? 'patching' : 'creating', o.source, e));
      }
    }
    if (errs.length === 1) throw errs[0];
    if (errs.length > 1) throw new AggregateError(errs);
    return 0;
  },
};

/** For kinds without a strategic schema (custom resources): a JSON merge patch of the changes. */
function mergePatchFor(original: JsonObject | undefined, modified: JsonObj, current: JsonObj): JsonObj {
  const diff = (cur: JsonObj, mod: JsonObj, orig: JsonObj | undefined): JsonObj => {
    const out: JsonObj = {};
    for (const [k, v] of Object.entries(mod)) {
      const c = cur[k];
      if (isObj(v) && isObj(c)) {
        const sub = diff(c, v, isObj(orig?.[k]) ? (orig?.[k] as JsonObj) : undefined);
        if (Object.keys(sub).length) out[k] = sub;
      } else if (JSON.stringify(v) !== JSON.stringify(c)) out[k] = v;
    }
    for (const k of Object.keys(orig ?? {})) if (!(k in mod) && k in cur) out[k] = null;
    return out;
  };
  return diff(current, modified, original as JsonObj | undefined);
}
