import { KubectlError } from '../client';
import { AggregateError } from '../errors';
import { dryRunOf, DRY_RUN_FLAG, FILENAME_FLAGS, patchObject, printOutcome } from '../mutate';
import { PRINT_FLAGS } from '../output';
import { findObjects, requireSome } from '../target';
import { requiredFlagMessage } from '../klog';
import type { Command } from '../types';

/** `kubectl scale`: a merge patch of the scale subresource's spec.replicas. */
export const scaleCommand: Command = {
  name: 'scale',
  flags: [
    ...PRINT_FLAGS,
    ...FILENAME_FLAGS,
    DRY_RUN_FLAG,
    { name: 'replicas', type: 'int', default: -1 },
    { name: 'current-replicas', type: 'int', default: -1 },
    { name: 'resource-version', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'timeout', type: 'string', default: '0s' },
  ],
  async run(ctx) {
    const f = ctx.flags;
    if (!f.changed('replicas')) throw new KubectlError(requiredFlagMessage('replicas', ctx.now()), 1, true);
    requireSome(ctx.args, f.list('filename'));
    const replicas = f.int('replicas');
    if (replicas < 0)
      throw new KubectlError(
        'The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
      );
    const dry = dryRunOf(f);
    const { found, errors } = await findObjects(ctx, ctx.args, {
      selector: f.str('selector'),
      all: f.bool('all'),
      filenames: f.list('filename'),
    });
    if (found.length === 0 && errors.length > 0)
      throw new KubectlError(`no objects passed to scale ${errors.map((e) => e.message).join(', ')}`);
    const errs: Error[] = [];
    for (const o of found) {
      if (!o.mapping.subresources.includes('scale')) {
        errs.push(new KubectlError(`cannot scale ${o.mapping.resource}`));
        continue;
      }
      try {
        if (dry !== 'client')
          await patchObject(
            ctx,
            o.mapping,
            o.namespace,
            o.name,
            `{"spec":{"replicas":${replicas}}}`,
            'merge',
            'kubectl-scale',
            'scale',
          );
        printOutcome(ctx, o.mapping, o.obj, 'scaled', dry);
      } catch (e) {
        errs.push(e as Error);
      }
    }
    if (errs.length === 1) throw errs[0];
    if (errs.length > 1) throw new AggregateError(errs);
  },
};
