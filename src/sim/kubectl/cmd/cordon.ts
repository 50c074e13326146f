import { isObj } from '../client';
import { CommandUsageError } from '../errors';
import { dryRunOf, DRY_RUN_FLAG, patchObject } from '../mutate';
import { findObjects } from '../target';
import type { Command, Ctx } from '../types';

/** Sets spec.unschedulable on the named nodes (drain.go's RunCordonOrUncordon). */
export async function setUnschedulable(
  ctx: Ctx,
  desired: boolean,
  verb: string,
  args: string[] = ctx.args,
): Promise<void> {
  if (args.length === 0 && !ctx.flags.str('selector'))
    throw new CommandUsageError(`USAGE: ${verb} NODE [flags]`);
  const dry = dryRunOf(ctx.flags);
  const nodeArgs = args.length ? ['nodes', ...args] : ['nodes'];
  const { found, errors } = await findObjects(ctx, nodeArgs, { selector: ctx.flags.str('selector') });
  if (errors.length) throw errors[0];
  for (const n of found) {
    const spec = isObj(n.obj.spec) ? n.obj.spec : {};
    const already = (spec.unschedulable === true) === desired;
    const label = desired ? 'cordoned' : 'uncordoned';
    if (already) {
      ctx.out(`node/${n.name} already ${label}\n`);
      continue;
    }
    if (dry !== 'client')
      await patchObject(
        ctx,
        n.mapping,
        '',
        n.name,
        desired ? '{"spec":{"unschedulable":true}}' : '{"spec":{"unschedulable":null}}',
        'strategic',
        'kubectl-cordon',
      );
    ctx.out(
      `node/${n.name} ${label}${dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : ''}\n`,
    );
  }
}

const flags = [DRY_RUN_FLAG, { name: 'selector', short: 'l', type: 'string' as const }];
export const cordonCommand: Command = {
  name: 'cordon',
  flags,
  run: (ctx) => setUnschedulable(ctx, true, 'cordon'),
};
export const uncordonCommand: Command = {
  name: 'uncordon',
  flags,
  run: (ctx) => setUnschedulable(ctx, false, 'uncordon'),
};
