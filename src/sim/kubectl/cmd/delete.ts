import { ApiError, kindGroup, KubectlError, type JsonObj, type Mapping } from '../client';
import { AggregateError } from '../errors';
import { dryRunOf, dryRunSuffix, DRY_RUN_FLAG, FILENAME_FLAGS } from '../mutate';
import { PRINT_FLAGS } from '../output';
import { manifestObjects, objectPath, targetsFromArgs } from '../resource';
import type { Command, Ctx } from '../types';
import { listItems } from './get';
import { metaName, metaNamespace } from '../resource';

interface Victim {
  mapping: Mapping;
  namespace: string;
  name: string;
  source?: string;
}

const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** Polls until the object is gone, as kubectl's wait after a delete does (a watch upstream). */
async function waitGone(ctx: Ctx, v: Victim, uid: string): Promise<void> {
  for (let i = 0; i < 6000; i++) {
    if (ctx.signal?.aborted) return;
    try {
      const cur = await ctx.client.json(objectPath(v.mapping, v.namespace, v.name));
      const meta = cur.metadata as JsonObj | undefined;
      if (meta && meta.uid !== uid) return;
    } catch (e) {
      if (e instanceof ApiError && e.status.reason === 'NotFound') return;
      throw e;
    }
    await ctx.sleep(100);
  }
}

export const deleteCommand: Command = {
  name: 'delete',
  flags: [
    ...PRINT_FLAGS,
    ...FILENAME_FLAGS,
    DRY_RUN_FLAG,
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'wait', type: 'bool', default: true },
    { name: 'now', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
    { name: 'interactive', short: 'i', type: 'bool' },
    { name: 'raw', type: 'string' },
  ],
  async run(ctx) {
    const f = ctx.flags;
    const filenames = f.list('filename');
    if (ctx.args.length === 0 && filenames.length === 0) throw new KubectlError(NO_RESOURCES);
    const dry = dryRunOf(f);
    const victims: Victim[] = [];
    const errs: Error[] = [];
    const listed = !!(f.str('selector') || f.bool('all') || f.str('field-selector'));
    if (filenames.length) {
      for (const o of await manifestObjects(ctx, filenames))
        victims.push({ mapping: o.mapping, namespace: o.namespace, name: o.name, source: o.source });
    } else {
      const targets = await targetsFromArgs(ctx, ctx.args);
      for (const t of targets) {
        if (t.name !== undefined) {
          victims.push({ mapping: t.mapping, namespace: ctx.namespace, name: t.name });
          continue;
        }
        if (!listed) throw new KubectlError(`resource(s) were provided, but no name was specified`);
        const allNs = f.bool('all-namespaces');
        const query: Record<string, string> = {};
        if (f.str('selector')) query.labelSelector = f.str('selector');
        if (f.str('field-selector')) query.fieldSelector = f.str('field-selector');
        const list = await ctx.client.json(objectPath(t.mapping, allNs ? '' : ctx.namespace), { query });
        for (const item of listItems(list, t.mapping))
          victims.push({ mapping: t.mapping, namespace: metaNamespace(item), name: metaName(item) });
      }
    }
    if (victims.length === 0 && listed) {
      ctx.out('No resources found\n');
      return 0;
    }
    const propagation = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan' }[
      f.str('cascade')
    ];
    if (!propagation)
      throw new KubectlError(
        `invalid cascade value (${f.str('cascade')}). Must be "background", "foreground", or "orphan".`,
      );
    let grace = f.int('grace-period');
    if (f.bool('now')) grace = 1;
    // kubectl turns --grace-period=0 into 1 unless --force says it is meant.
    if (grace === 0 && !f.bool('force')) grace = 1;
    if (f.bool('force') && grace < 0) grace = 0;
    const operation = grace === 0 ? 'force deleted' : 'deleted';
    if (f.bool('force'))
      ctx.err(
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      );
    const deleted: { v: Victim; uid: string }[] = [];
    for (const v of victims) {
      const opts: JsonObj = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: propagation };
      if (grace >= 0) opts.gracePeriodSeconds = grace;
      if (dry === 'server') opts.dryRun = ['All'];
      try {
        let res: JsonObj;
        if (dry === 'client') res = await ctx.client.json(objectPath(v.mapping, v.namespace, v.name));
        else
          res = await ctx.client.json(objectPath(v.mapping, v.namespace, v.name), {
            method: 'DELETE',
            body: JSON.stringify(opts),
          });
        const uid = String((res.metadata as JsonObj | undefined)?.uid ?? '');
        if (f.str('output') === 'name') ctx.out(`${kindGroup(v.mapping)}/${v.name}\n`);
        else ctx.out(`${kindGroup(v.mapping)} "${v.name}" ${operation}${dryRunSuffix(dry)}\n`);
        deleted.push({ v, uid });
      } catch (e) {
        if (f.bool('ignore-not-found') && e instanceof ApiError && e.status.reason === 'NotFound') continue;
        errs.push(e as Error);
      }
    }
    if (f.bool('wait') && dry === 'none') for (const d of deleted) await waitGone(ctx, d.v, d.uid);
    if (errs.length === 1) throw errs[0];
    if (errs.length > 1) throw new AggregateError(errs);
    return 0;
  },
};
