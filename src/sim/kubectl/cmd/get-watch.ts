import { isObj, TABLE_ACCEPT, type JsonObj } from '../client';
import type { ObjectPrinter } from '../output';
import { asTable, TablePrinter } from '../printers/table';
import { TabWriter } from '../printers/tabwriter';
import { objectPath, type Target } from '../resource';
import type { Ctx } from '../types';
import { listItems } from './get';

/**
 * `get -w`: print the current state, then every watch event, through one table printer so
 * headers print once and the columns keep their widths (get.go's watch). A list starts the watch
 * at its resourceVersion; a named object watches from "0" and skips the synthetic first ADDED.
 */
export async function watchTarget(ctx: Ctx, t: Target, machine: ObjectPrinter | undefined): Promise<number> {
  const f = ctx.flags;
  const allNs = f.bool('all-namespaces') && t.name === undefined;
  const ns = allNs ? '' : ctx.namespace;
  const table = machine === undefined;
  const accept = table ? TABLE_ACCEPT : undefined;
  const query: Record<string, string> = {};
  if (f.str('selector')) query.labelSelector = f.str('selector');
  if (f.str('field-selector')) query.fieldSelector = f.str('field-selector');
  const first = await ctx.client.json(objectPath(t.mapping, ns, t.name), {
    accept,
    query: t.name === undefined ? query : {},
  });
  const printer = new TablePrinter({
    noHeaders: f.bool('no-headers'),
    wide: f.str('output') === 'wide',
    withNamespace: f.bool('all-namespaces') && t.mapping.namespaced,
    showLabels: f.bool('show-labels'),
    columnLabels: f.list('label-columns'),
  });
  const w = new TabWriter();
  const events = f.bool('output-watch-events');
  const isList = t.name === undefined;
  if (!f.bool('watch-only')) {
    if (table) printer.print(asTable(first), w, events ? 'ADDED' : undefined);
    else if (machine) {
      const objs = isList ? listItems(first, t.mapping) : [first];
      for (const o of objs) w.write(machine.print(events ? { type: 'ADDED', object: o } : o, t.mapping));
    }
    ctx.out(w.flush());
  }
  let skipFirst = !isList;
  const meta = isObj(first.metadata) ? first.metadata : {};
  const rv = isList ? String(meta.resourceVersion ?? '0') : '0';
  const wq: Record<string, string> = { watch: 'true', resourceVersion: rv, ...(isList ? query : {}) };
  if (!isList) wq.fieldSelector = `metadata.name=${t.name}`;
  const res = await ctx.client.raw(objectPath(t.mapping, ns), { query: wq, accept });
  if (!res.stream && res.status >= 300) return 1;
  const handleChunk = (chunk: string) => {
    for (const line of chunk.split('\n')) {
      if (!line.trim()) continue;
      let ev: unknown;
      try {
        ev = JSON.parse(line);
      } catch {
        continue;
      }
      if (!isObj(ev) || !isObj(ev.object)) continue;
      if (skipFirst) {
        skipFirst = false;
        continue;
      }
      const type = String(ev.type ?? '');
      const obj: JsonObj = ev.object;
      if (table) printer.print(asTable(obj), w, events ? type : undefined);
      else if (machine) w.write(machine.print(events ? { type, object: obj } : obj, t.mapping));
      ctx.out(w.flush());
    }
  };
  if (res.body) handleChunk(res.body);
  const stream = res.stream;
  if (!stream) return 0;
  await new Promise<void>((resolve) => {
    const stop = () => {
      stream.close();
      resolve();
    };
    if (ctx.signal?.aborted) return stop();
    ctx.signal?.addEventListener('abort', stop, { once: true });
    stream.subscribe(handleChunk, () => resolve());
    // Without a way to stop it, a watch prints what is there and returns (plain runKubectl).
    if (!ctx.signal) stop();
  });
  return 0;
}
