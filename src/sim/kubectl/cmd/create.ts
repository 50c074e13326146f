import { KubectlError } from '../client';
import { AggregateError } from '../errors';
import {
  addSourceToErr,
  createObject,
  dryRunOf,
  fieldValidation,
  FILENAME_FLAGS,
  printOutcome,
  VALIDATE_FLAG,
  WRITE_FLAGS,
} from '../mutate';
import { manifestObjects } from '../resource';
import type { Command } from '../types';
import { createConfigMapCommand } from './create-configmap';
import { createDeploymentCommand } from './create-deployment';
import { createNamespaceCommand } from './create-namespace';
import { createServiceCommand } from './create-service';
import { lastAppliedFor } from './apply';

/** `kubectl create -f`: POST each object of the manifests, continuing past errors. */
export const createCommand: Command = {
  name: 'create',
  flags: [
    ...WRITE_FLAGS,
    ...FILENAME_FLAGS,
    VALIDATE_FLAG,
    { name: 'save-config', type: 'bool' },
    { name: 'edit', type: 'bool' },
    { name: 'windows-line-endings', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'raw', type: 'string' },
  ],
  subcommands: [
    createDeploymentCommand,
    createNamespaceCommand,
    createServiceCommand,
    createConfigMapCommand,
  ],
  async run(ctx) {
    const filenames = ctx.flags.list('filename');
    if (filenames.length === 0 && !ctx.flags.str('kustomize'))
      throw new KubectlError('must specify one of -f and -k');
    if (ctx.args.length > 0)
      throw new KubectlError(
        `Unexpected args: [${ctx.args.join(' ')}]\nSee '${ctx.commandPath} -h' for help and examples`,
      );
    const dry = dryRunOf(ctx.flags);
    const objs = await manifestObjects(ctx, filenames);
    const errs: Error[] = [];
    for (const o of objs) {
      let body = o.obj;
      if (ctx.flags.bool('save-config')) body = lastAppliedFor(o.obj, o.mapping, o.namespace);
      try {
        const created =
          dry === 'client'
            ? body
            : await createObject(ctx, o.mapping, o.namespace, body, {
                fieldValidation: fieldValidation(ctx.flags),
              });
        printOutcome(ctx, o.mapping, created, 'created', dry);
      } catch (e) {
        errs.push(addSourceToErr('creating', o.source, e));
      }
    }
    if (errs.length === 1) throw errs[0];
    if (errs.length > 1) throw new AggregateError(errs);
    return 0;
  },
};
