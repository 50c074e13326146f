import { KubectlError, type JsonObj } from '../client';
import { CommandUsageError } from '../errors';
import { createObject, dryRunOf, printOutcome, VALIDATE_FLAG, WRITE_FLAGS } from '../mutate';
import { TYPED } from '../output';
import type { Command } from '../types';

export const createConfigMapCommand: Command = {
  name: 'configmap',
  aliases: ['cm'],
  flags: [
    ...WRITE_FLAGS,
    VALIDATE_FLAG,
    { name: 'from-literal', type: 'stringArray' },
    { name: 'from-file', type: 'stringSlice' },
    { name: 'from-env-file', type: 'stringSlice' },
    { name: 'append-hash', type: 'bool' },
    { name: 'save-config', type: 'bool' },
  ],
  async run(ctx) {
    if (ctx.args.length !== 1)
      throw new CommandUsageError(`exactly one NAME is required, got ${ctx.args.length}`);
    const data: JsonObj = {};
    for (const lit of ctx.flags.list('from-literal')) {
      const i = lit.indexOf('=');
      if (i <= 0) throw new KubectlError(`invalid literal source ${lit}, expected key=value`);
      const k = lit.slice(0, i);
      if (k in data)
        throw new KubectlError(
          `cannot add key ${k}, another key by that name already exists in Data for ConfigMap "${ctx.args[0]}"`,
        );
      data[k] = lit.slice(i + 1);
    }
    for (const f of ctx.flags.list('from-file')) {
      const eq = f.indexOf('=');
      const [key, path] = eq > 0 ? [f.slice(0, eq), f.slice(eq + 1)] : [f.split('/').pop() ?? f, f];
      const text = ctx.files[path];
      if (text === undefined) throw new KubectlError(`error reading ${path}: no such file or directory`);
      data[key] = text;
    }
    const obj: JsonObj = {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: ctx.args[0], creationTimestamp: null },
    };
    if (Object.keys(data).length) obj.data = data;
    TYPED.add(obj);
    const dry = dryRunOf(ctx.flags);
    const m = await ctx.client.mapping('configmaps');
    const out =
      dry === 'client'
        ? obj
        : await createObject(ctx, m, ctx.namespace, obj).catch((e: Error) => {
            throw new KubectlError(`failed to create configmap: ${e.message}`);
          });
    printOutcome(ctx, m, out, 'created', dry);
  },
};
