import {
  ApiError,
  groupVersion,
  isObj,
  kindGroup,
  KubectlError,
  TABLE_ACCEPT,
  type Json,
  type JsonObj,
  type Mapping,
} from '../client';
import { AggregateError, CommandUsageError } from '../errors';
import { goSort } from '../gosort';
import { asList, printerFor, PRINT_FLAGS } from '../output';
import { JsonPath, relaxedJsonPath } from '../printers/jsonpath';
import { asTable, TablePrinter, type Table } from '../printers/table';
import { TabWriter } from '../printers/tabwriter';
import { manifestObjects, objectPath, targetsFromArgs, type Target } from '../resource';
import type { Command, Ctx } from '../types';
import { watchTarget } from './get-watch';

interface Info {
  mapping: Mapping;
  /** A server Table (human-readable output) or the object / list. */
  table?: Table;
  object?: JsonObj;
}

const GET_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export const GET_FLAGS = [
  ...PRINT_FLAGS,
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'field-selector', type: 'string' as const },
  { name: 'all-namespaces', short: 'A', type: 'bool' as const },
  { name: 'watch', short: 'w', type: 'bool' as const },
  { name: 'watch-only', type: 'bool' as const },
  { name: 'output-watch-events', type: 'bool' as const },
  { name: 'show-labels', type: 'bool' as const },
  { name: 'show-kind', type: 'bool' as const },
  { name: 'no-headers', type: 'bool' as const },
  { name: 'label-columns', short: 'L', type: 'stringSlice' as const },
  { name: 'sort-by', type: 'string' as const },
  { name: 'ignore-not-found', type: 'bool' as const },
  { name: 'chunk-size', type: 'int' as const, default: 500 },
  { name: 'filename', short: 'f', type: 'stringSlice' as const },
  { name: 'recursive', short: 'R', type: 'bool' as const },
  { name: 'kustomize', short: 'k', type: 'string' as const },
  { name: 'raw', type: 'string' as const },
  { name: 'server-print', type: 'bool' as const, default: true },
  { name: 'subresource', type: 'string' as const },
];

/** The items of a list response, with the apiVersion and kind the list decoder gives each. */
export function listItems(list: JsonObj, m: Mapping): JsonObj[] {
  const items = Array.isArray(list.items) ? list.items.filter(isObj) : [];
  return items.map((i) => ({ apiVersion: groupVersion(m), kind: m.kind, ...i }));
}

async function fetchTarget(ctx: Ctx, t: Target, table: boolean): Promise<JsonObj> {
  const f = ctx.flags;
  const allNs = f.bool('all-namespaces');
  const ns = allNs && t.name === undefined ? '' : ctx.namespace;
  const path = objectPath(t.mapping, ns, t.name);
  const query: Record<string, string> = {};
  if (t.name === undefined) {
    if (f.str('selector')) query.labelSelector = f.str('selector');
    if (f.str('field-selector')) query.fieldSelector = f.str('field-selector');
    // Sorting needs every row's object and the whole list at once (get.go's transformRequests).
    if (f.str('sort-by')) {
      if (table) query.includeObject = 'Object';
    } else query.limit = String(f.int('chunk-size'));
  }
  return ctx.client.json(path, { query, accept: table ? TABLE_ACCEPT : undefined });
}

export const getCommand: Command = {
  name: 'get',
  flags: GET_FLAGS,
  async run(ctx) {
    const f = ctx.flags;
    const output = f.str('output');
    if (f.bool('show-labels') && output !== '' && output !== 'wide')
      throw new KubectlError(`--show-labels option cannot be used with ${output} printer`);
    const filenames = f.list('filename');
    if (ctx.args.length === 0 && filenames.length === 0) {
      ctx.err(
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n',
      );
      throw new CommandUsageError(
        'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
      );
    }
    if (ctx.args.length > 0 && filenames.length > 0)
      throw new KubectlError(
        'when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well',
      );
    const machine = printerFor(f, { allowed: GET_FORMATS });
    let targets: Target[];
    if (filenames.length > 0)
      targets = (await manifestObjects(ctx, filenames)).map((o) => ({ mapping: o.mapping, name: o.name }));
    else targets = await targetsFromArgs(ctx, ctx.args);
    if ((f.str('selector') || f.str('field-selector')) && targets.some((t) => t.name !== undefined))
      throw new KubectlError(
        'selectors and the all flag cannot be used when passing resource/name arguments',
      );

    if (f.bool('watch') || f.bool('watch-only')) {
      const kinds = new Set(targets.map((t) => t.mapping));
      if (kinds.size > 1 || targets.length > 1)
        throw new KubectlError(
          'watch is only supported on individual resources and resource collections - more than 1 resource was found',
        );
      return watchTarget(ctx, targets[0], machine);
    }

    const infos: Info[] = [];
    const errs: Error[] = [];
    const ignoreNotFound = f.bool('ignore-not-found');
    for (const t of targets) {
      try {
        const obj = await fetchTarget(ctx, t, machine === undefined);
        if (machine === undefined) infos.push({ mapping: t.mapping, table: asTable(obj) });
        else if (t.name === undefined)
          for (const item of listItems(obj, t.mapping)) infos.push({ mapping: t.mapping, object: item });
        else infos.push({ mapping: t.mapping, object: obj });
      } catch (e) {
        if (ignoreNotFound && e instanceof ApiError && e.status.reason === 'NotFound') continue;
        errs.push(e as Error);
      }
    }

    if (machine) {
      const singleItemImplied = targets.length === 1 && targets[0].name !== undefined;
      if (infos.length === 0 && ignoreNotFound) return finish(errs);
      if (singleItemImplied && infos.length === 1) ctx.out(machine.print(infos[0].object!, infos[0].mapping));
      else if (!(singleItemImplied && errs.length > 0)) {
        const objs = infos.map((i) => i.object!);
        if (f.str('sort-by')) sortObjects(objs, f.str('sort-by'));
        ctx.out(machine.print(asList(objs), undefined));
      }
      return finish(errs);
    }

    const printWithKind = new Set(infos.map((i) => i.mapping)).size > 1 || f.bool('show-kind');
    const w = new TabWriter();
    let written = 0;
    let separatorReady = false;
    const emit = (s: string) => {
      if (s.length === 0) return;
      if (separatorReady) {
        ctx.out('\n');
        separatorReady = false;
      }
      written += s.length;
      ctx.out(s);
    };
    let printer: TablePrinter | undefined;
    let lastMapping: Mapping | undefined;
    let allNamespaced = !f.bool('all-namespaces');
    for (const info of infos) {
      allNamespaced = allNamespaced && info.mapping.namespaced;
      if (!printer || !lastMapping || lastMapping !== info.mapping) {
        emit(w.flush());
        w.setRememberedWidths(null);
        if (lastMapping && !f.bool('no-headers') && written > 0) separatorReady = true;
        printer = new TablePrinter({
          noHeaders: f.bool('no-headers'),
          wide: output === 'wide',
          withNamespace: f.bool('all-namespaces') && info.mapping.namespaced,
          showLabels: f.bool('show-labels'),
          columnLabels: f.list('label-columns'),
          kind: printWithKind ? kindGroup(info.mapping) : undefined,
        });
        lastMapping = info.mapping;
      }
      const table = info.table!;
      if (f.str('sort-by')) sortTable(table, f.str('sort-by'));
      printer.print(table, w);
    }
    emit(w.flush());
    if (written === 0 && !ignoreNotFound && errs.length === 0) {
      ctx.err(allNamespaced ? `No resources found in ${ctx.namespace} namespace.\n` : 'No resources found\n');
    }
    return finish(errs);
  },
};

function finish(errs: Error[]): void {
  if (errs.length === 1) throw errs[0];
  if (errs.length > 1) throw new AggregateError(errs);
}

/** The value --sort-by compares, read with jsonpath from an object. */
function sortValue(obj: JsonObj | undefined, field: string): Json | undefined {
  if (!obj) return undefined;
  const jp = new JsonPath(relaxedJsonPath(field));
  jp.allowMissingKeys = true;
  const found = jp.findResults(obj)[0] ?? [];
  return found[0];
}

function lessValue(a: Json | undefined, b: Json | undefined): boolean {
  if (a === undefined || a === null) return b !== undefined && b !== null;
  if (b === undefined || b === null) return false;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    const ta = /^\d{4}-\d{2}-\d{2}T/.test(a) ? Date.parse(a) : NaN;
    const tb = /^\d{4}-\d{2}-\d{2}T/.test(b) ? Date.parse(b) : NaN;
    if (!Number.isNaN(ta) && !Number.isNaN(tb)) return ta < tb;
    // Unstructured values reach isLess as interfaces and compare as plain strings.
    return a < b;
  }
  return String(a) < String(b);
}

/** --sort-by on a Table: rows sorted by the field read from each row's full object. */
function sortTable(table: Table, field: string): void {
  goSort(table.rows, (a, b) => lessValue(sortValue(a.object, field), sortValue(b.object, field)));
}

export function sortObjects(objs: JsonObj[], field: string): void {
  goSort(objs, (a, b) => lessValue(sortValue(a, field), sortValue(b, field)));
}
