import { KubectlError, type JsonObj, type Mapping } from './client';
import { CommandUsageError } from './errors';
import { manifestObjects, metaName, metaNamespace, objectPath, targetsFromArgs } from './resource';
import { listItems } from './cmd/get';
import type { Ctx } from './types';

/** One existing object a command acts on, fetched the way the resource builder's Latest() does. */
export interface Found {
  mapping: Mapping;
  namespace: string;
  name: string;
  obj: JsonObj;
  source?: string;
}

/**
 * Resolves `TYPE NAME…` / `TYPE/NAME…` / `-f` / `-l` / `--all` to the objects as they are now.
 * NotFound errors are collected, so the caller can act on the rest and report them after.
 */
export async function findObjects(
  ctx: Ctx,
  args: string[],
  opts: { selector?: string; all?: boolean; allNamespaces?: boolean; filenames?: string[] } = {},
): Promise<{ found: Found[]; errors: Error[] }> {
  const found: Found[] = [];
  const errors: Error[] = [];
  if (opts.filenames && opts.filenames.length) {
    for (const o of await manifestObjects(ctx, opts.filenames)) {
      try {
        const obj = await ctx.client.json(objectPath(o.mapping, o.namespace, o.name));
        found.push({ mapping: o.mapping, namespace: o.namespace, name: o.name, obj, source: o.source });
      } catch (e) {
        errors.push(e as Error);
      }
    }
    return { found, errors };
  }
  for (const t of await targetsFromArgs(ctx, args)) {
    if (t.name !== undefined) {
      try {
        const obj = await ctx.client.json(objectPath(t.mapping, ctx.namespace, t.name));
        found.push({ mapping: t.mapping, namespace: ctx.namespace, name: t.name, obj });
      } catch (e) {
        errors.push(e as Error);
      }
      continue;
    }
    if (!opts.selector && !opts.all)
      throw new CommandUsageError(`resource(s) were provided, but no name was specified`);
    const query: Record<string, string> = {};
    if (opts.selector) query.labelSelector = opts.selector;
    const list = await ctx.client.json(objectPath(t.mapping, opts.allNamespaces ? '' : ctx.namespace), {
      query,
    });
    for (const item of listItems(list, t.mapping))
      found.push({ mapping: t.mapping, namespace: metaNamespace(item), name: metaName(item), obj: item });
  }
  return { found, errors };
}

export function requireSome(args: string[], filenames: string[]): void {
  if (args.length === 0 && filenames.length === 0)
    throw new KubectlError(`You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`);
}
