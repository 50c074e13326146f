import { KubectlError } from '../client';
import { AggregateError } from '../errors';
import {
  addSourceToErr,
  dryRunOf,
  fieldValidation,
  FILENAME_FLAGS,
  printOutcome,
  VALIDATE_FLAG,
  WRITE_FLAGS,
  writeQuery,
} from '../mutate';
import { manifestObjects, objectPath } from '../resource';
import type { Command } from '../types';

/** `kubectl replace -f`: PUT each object as written (`--force`: delete, then create). */
export const replaceCommand: Command = {
  name: 'replace',
  flags: [
    ...WRITE_FLAGS,
    ...FILENAME_FLAGS,
    VALIDATE_FLAG,
    { name: 'force', type: 'bool' },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'wait', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'raw', type: 'string' },
    { name: 'subresource', type: 'string' },
  ],
  async run(ctx) {
    const filenames = ctx.flags.list('filename');
    if (filenames.length === 0) throw new KubectlError('must specify --filename to replace');
    const dry = dryRunOf(ctx.flags);
    const errs: Error[] = [];
    for (const o of await manifestObjects(ctx, filenames)) {
      try {
        const path = objectPath(o.mapping, o.namespace, o.name);
        const query = writeQuery(ctx.flags, {
          fieldValidation: fieldValidation(ctx.flags),
          fieldManager: 'kubectl-replace',
        });
        if (ctx.flags.bool('force')) {
          if (dry === 'none') {
            await ctx.client
              .json(path, {
                method: 'DELETE',
                body: '{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}',
              })
              .catch(() => undefined);
            ctx.out(
              `${o.mapping.group ? `${o.mapping.kind.toLowerCase()}.${o.mapping.group}` : o.mapping.kind.toLowerCase()} "${o.name}" deleted\n`,
            );
            const created = await ctx.client.json(objectPath(o.mapping, o.namespace), {
              method: 'POST',
              body: JSON.stringify(o.obj),
              query,
            });
            printOutcome(ctx, o.mapping, created, 'replaced', dry);
          } else printOutcome(ctx, o.mapping, o.obj, 'replaced', dry);
          continue;
        }
        const out =
          dry === 'client'
            ? o.obj
            : await ctx.client.json(path, { method: 'PUT', body: JSON.stringify(o.obj), query });
        printOutcome(ctx, o.mapping, out, 'replaced', dry);
      } catch (e) {
        errs.push(addSourceToErr('replacing', o.source, e));
      }
    }
    if (errs.length === 1) throw errs[0];
    if (errs.length > 1) throw new AggregateError(errs);
  },
};
