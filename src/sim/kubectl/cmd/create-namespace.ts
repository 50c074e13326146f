import type { JsonObj } from '../client';
import { CommandUsageError } from '../errors';
import { createObject, dryRunOf, printOutcome, VALIDATE_FLAG, WRITE_FLAGS } from '../mutate';
import { TYPED } from '../output';
import type { Command } from '../types';

export const createNamespaceCommand: Command = {
  name: 'namespace',
  aliases: ['ns'],
  flags: [...WRITE_FLAGS, VALIDATE_FLAG, { name: 'save-config', type: 'bool' }],
  async run(ctx) {
    if (ctx.args.length !== 1)
      throw new CommandUsageError(`exactly one NAME is required, got ${ctx.args.length}`);
    const obj: JsonObj = {
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: ctx.args[0], creationTimestamp: null },
      spec: {},
      status: {},
    };
    TYPED.add(obj);
    const dry = dryRunOf(ctx.flags);
    const m = await ctx.client.mapping('namespaces');
    const out = dry === 'client' ? obj : await createObject(ctx, m, '', obj);
    printOutcome(ctx, m, out, 'created', dry);
  },
};
