import { parse as parseYaml } from 'yaml';
import { KubectlError } from '../client';
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

/** `kubectl patch`: PATCH each object, then say whether anything changed. */
export const patchCommand: Command = {
  name: 'patch',
  flags: [
    ...PRINT_FLAGS,
    ...FILENAME_FLAGS,
    DRY_RUN_FLAG,
    FIELD_MANAGER_FLAG,
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'patch-file', type: 'string' },
    { name: 'type', type: 'string', default: 'strategic' },
    { name: 'local', type: 'bool' },
    { name: 'subresource', type: 'string' },
  ],
  async run(ctx) {
    const f = ctx.flags;
    const type = f.str('type');
    if (!['json', 'merge', 'strategic'].includes(type))
      throw new KubectlError(`--type must be one of [json merge strategic], not "${type}"`);
    let text = f.str('patch');
    if (f.str('patch-file')) {
      const t = ctx.files[f.str('patch-file')];
      if (t === undefined)
        throw new KubectlError(
          `unable to read patch file: open ${f.str('patch-file')}: no such file or directory`,
        );
      text = t;
    }
    if (!text) throw new CommandUsageError('Must specify -p to patch');
    let body: string;
    try {
      // yaml.ToJSON passes anything that looks like JSON through untouched; the server judges it.
      body = /^\s*[{[]/.test(text) ? text : goJson(parseYaml(text, { version: '1.1' }) as never, '');
    } catch (e) {
      throw new KubectlError(`unable to parse "${text}": ${(e as Error).message.split('\n')[0]}`);
    }
    if (ctx.args.length === 0 && f.list('filename').length === 0)
      throw new CommandUsageError('You must provide one or more resources by argument or filename.');
    const dry = dryRunOf(f);
    const { found, errors } = await findObjects(ctx, ctx.args, { filenames: f.list('filename') });
    const errs = [...errors];
    for (const o of found) {
      try {
        const patched =
          dry === 'client'
            ? o.obj
            : await patchObject(
                ctx,
                o.mapping,
                o.namespace,
                o.name,
                body,
                type as 'json' | 'merge' | 'strategic',
                'kubectl-patch',
                f.str('subresource') || undefined,
              );
        const changed = goJson(patched, '') !== goJson(o.obj, '');
        printOutcome(ctx, o.mapping, patched, changed ? 'patched' : 'patched (no change)', dry);
      } catch (e) {
        errs.push(e as Error);
      }
    }
    if (errs.length === 1) throw errs[0];
    if (errs.length > 1) throw new AggregateError(errs);
  },
};
