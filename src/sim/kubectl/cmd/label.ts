import { isObj, KubectlError, type JsonObj } from '../client';
import { AggregateError } from '../errors';
import {
  dryRunOf,
  DRY_RUN_FLAG,
  FIELD_MANAGER_FLAG,
  FILENAME_FLAGS,
  patchObject,
  printOutcome,
} from '../mutate';
import { PRINT_FLAGS } from '../output';
import { goJson } from '../printers/json';
import { findObjects } from '../target';
import type { Command, Ctx } from '../types';

/** Splits `k=v` and `k-` arguments off the resource arguments (label.go / annotate.go). */
export function splitChanges(
  args: string[],
  what: string,
): { resources: string[]; set: [string, string][]; remove: string[] } {
  const resources: string[] = [];
  const set: [string, string][] = [];
  const remove: string[] = [];
  let seenChange = false;
  for (const a of args) {
    if (a.includes('=')) {
      const i = a.indexOf('=');
      set.push([a.slice(0, i), a.slice(i + 1)]);
      seenChange = true;
    } else if (a.endsWith('-') && (seenChange || resources.length > 0)) {
      remove.push(a.slice(0, -1));
      seenChange = true;
    } else {
      if (seenChange) throw new KubectlError(`all resources must be specified before ${what} changes: ${a}`);
      resources.push(a);
    }
  }
  return { resources, set, remove };
}

/** label and annotate: change one metadata map with a JSON merge patch. */
export async function updateMetadataMap(
  ctx: Ctx,
  field: 'labels' | 'annotations',
  verb: string,
): Promise<void> {
  const f = ctx.flags;
  const what = field === 'labels' ? 'label' : 'annotation';
  const { resources, set, remove } = splitChanges(ctx.args, what);
  if (resources.length === 0 && f.list('filename').length === 0)
    throw new KubectlError(
      `one or more resources must be specified as <resource> <name> or <resource>/<name>`,
    );
  if (set.length === 0 && remove.length === 0 && !f.bool('list'))
    throw new KubectlError(`at least one ${what} update is required`);
  const dry = dryRunOf(f);
  const { found, errors } = await findObjects(ctx, resources, {
    selector: f.str('selector'),
    all: f.bool('all'),
    allNamespaces: f.bool('all-namespaces'),
    filenames: f.list('filename'),
  });
  const errs = [...errors];
  for (const o of found) {
    const meta = isObj(o.obj.metadata) ? o.obj.metadata : {};
    const old: JsonObj = isObj(meta[field]) ? { ...meta[field] } : {};
    if (f.bool('list')) {
      for (const k of Object.keys(old).sort()) ctx.out(`${k}=${String(old[k])}\n`);
      continue;
    }
    const next: JsonObj = { ...old };
    try {
      if (!f.bool('overwrite'))
        for (const [k, v] of set)
          if (k in old && old[k] !== v)
            throw new KubectlError(
              `'${k}' already has a value (${String(old[k])}), and --overwrite is false`,
            );
      for (const [k, v] of set) next[k] = v;
      for (const k of remove) {
        if (!(k in next)) ctx.err(`${what} "${k}" not found.\n`);
        delete next[k];
      }
      const patchMap: JsonObj = {};
      for (const [k] of set) if (old[k] !== next[k]) patchMap[k] = next[k];
      for (const k of remove) if (k in old) patchMap[k] = null;
      const oldData = goJson(old, '');
      const newData = goJson(next, '');
      let msg = verb;
      if (field === 'labels') {
        msg = 'not labeled';
        if (oldData !== newData)
          msg =
            !f.bool('overwrite') && Object.keys(next).length < Object.keys(old).length
              ? 'unlabeled'
              : 'labeled';
      }
      let result = o.obj;
      if (Object.keys(patchMap).length && dry !== 'client')
        result = await patchObject(
          ctx,
          o.mapping,
          o.namespace,
          o.name,
          goJson({ metadata: { [field]: patchMap } }, ''),
          'merge',
          'kubectl-' + what,
        );
      printOutcome(ctx, o.mapping, result, msg, dry);
    } catch (e) {
      errs.push(e as Error);
    }
  }
  if (errs.length === 1) throw errs[0];
  if (errs.length > 1) throw new AggregateError(errs);
}

export const METADATA_FLAGS = [
  ...PRINT_FLAGS,
  ...FILENAME_FLAGS,
  DRY_RUN_FLAG,
  FIELD_MANAGER_FLAG,
  { name: 'overwrite', type: 'bool' as const },
  { name: 'all', type: 'bool' as const },
  { name: 'all-namespaces', short: 'A', type: 'bool' as const },
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'field-selector', type: 'string' as const },
  { name: 'list', type: 'bool' as const },
  { name: 'local', type: 'bool' as const },
  { name: 'resource-version', type: 'string' as const },
];

export const labelCommand: Command = {
  name: 'label',
  flags: METADATA_FLAGS,
  run: (ctx) => updateMetadataMap(ctx, 'labels', 'labeled'),
};
