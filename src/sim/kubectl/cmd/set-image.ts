import type { JsonObject } from '../../api/object';
import { createTwoWayMergePatch } from '../../apiserver/patch';
import { isObj, KubectlError, type JsonObj } from '../client';
import { AggregateError, CommandUsageError } from '../errors';
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
import type { Command } from '../types';

/** The pod spec inside a workload (or a pod itself). */
export function podSpecOf(obj: JsonObj): JsonObj | undefined {
  const spec = isObj(obj.spec) ? obj.spec : undefined;
  if (!spec) return undefined;
  if (obj.kind === 'Pod') return spec;
  const tpl = isObj(spec.template) ? spec.template : undefined;
  return tpl && isObj(tpl.spec) ? tpl.spec : undefined;
}

const setImage: Command = {
  name: 'image',
  flags: [
    ...PRINT_FLAGS,
    ...FILENAME_FLAGS,
    DRY_RUN_FLAG,
    FIELD_MANAGER_FLAG,
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'local', type: 'bool' },
  ],
  async run(ctx) {
    const resources = ctx.args.filter((a) => !a.includes('='));
    const changes = ctx.args.filter((a) => a.includes('='));
    if (resources.length === 0 && ctx.flags.list('filename').length === 0)
      throw new KubectlError(`You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`);
    if (changes.length === 0) throw new CommandUsageError('at least one image update is required');
    const dry = dryRunOf(ctx.flags);
    const { found, errors } = await findObjects(ctx, resources, {
      selector: ctx.flags.str('selector'),
      all: ctx.flags.bool('all'),
      filenames: ctx.flags.list('filename'),
    });
    const errs = [...errors];
    for (const o of found) {
      const modified = structuredClone(o.obj);
      const spec = podSpecOf(modified);
      try {
        if (!spec)
          throw new KubectlError(`error: ${o.mapping.resource}/${o.name} does not have a pod template`);
        const containers = [
          ...(Array.isArray(spec.initContainers) ? spec.initContainers : []),
          ...(Array.isArray(spec.containers) ? spec.containers : []),
        ].filter(isObj);
        for (const ch of changes) {
          const i = ch.indexOf('=');
          const name = ch.slice(0, i);
          const image = ch.slice(i + 1);
          const targets = name === '*' ? containers : containers.filter((c) => c.name === name);
          if (targets.length === 0) throw new KubectlError(`unable to find container named "${name}"`);
          for (const c of targets) c.image = image;
        }
        const patch = createTwoWayMergePatch(o.obj as JsonObject, modified as JsonObject, o.mapping.kind);
        const body = goJson(patch as JsonObj, '');
        let result = o.obj;
        if (body !== '{}' && dry !== 'client')
          result = await patchObject(ctx, o.mapping, o.namespace, o.name, body, 'strategic', 'kubectl-set');
        printOutcome(ctx, o.mapping, result, 'image updated', dry);
      } catch (e) {
        errs.push(e as Error);
      }
    }
    if (errs.length === 1) throw errs[0];
    if (errs.length > 1) throw new AggregateError(errs);
  },
};

export const setCommand: Command = {
  name: 'set',
  subcommands: [setImage],
  help: 'Configure application resources.\n',
};
