import type { FlagSpec, Flags } from './args';
import { isObj, KubectlError, type Json, type JsonObj, type Mapping } from './client';
import { customColumnsHeader, customColumnsRow, parseCustomColumns } from './printers/custom-columns';
import { executeGoTemplate } from './printers/gotemplate';
import { toJson } from './printers/json';
import { JsonPath, JsonPathError } from './printers/jsonpath';
import { TabWriter } from './printers/tabwriter';
import { toYaml } from './printers/yaml';
import { kindSlashName, metaName } from './resource';

/**
 * Objects kubectl built itself (create deployment, run, expose…). Go encodes those typed structs
 * in field order, so `-o json` of a client dry run keeps the order they were built in.
 */
export const TYPED = new WeakSet<object>();

/** genericclioptions.PrintFlags: `-o` and the template flags. */
export const PRINT_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'show-managed-fields', type: 'bool' },
];

const ALLOWED =
  'json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file';

/** The objects' printer for a machine format; undefined for human-readable output. */
export interface ObjectPrinter {
  print(obj: JsonObj, mapping?: Mapping): string;
}

function stripManagedFields(obj: JsonObj): JsonObj {
  if (!isObj(obj.metadata) || !('managedFields' in obj.metadata)) {
    if (Array.isArray(obj.items))
      return { ...obj, items: obj.items.map((i) => (isObj(i) ? stripManagedFields(i) : i)) };
    return obj;
  }
  const metadata = { ...obj.metadata };
  delete metadata.managedFields;
  return { ...obj, metadata };
}

export function printerFor(
  flags: Flags,
  opts: { operation?: string; allowed?: string } = {},
): ObjectPrinter | undefined {
  const out = flags.str('output');
  if (out === '' || out === 'wide') return undefined;
  const showManaged = flags.bool('show-managed-fields');
  const prep = (o: JsonObj) => (showManaged ? o : stripManagedFields(o));
  if (out === 'yaml') return { print: (o) => toYaml(prep(o)) };
  if (out === 'json') return { print: (o) => toJson(prep(o), !TYPED.has(o)) };
  if (out === 'name')
    return {
      print: (o, m) => {
        const print1 = (x: JsonObj) => {
          const name = metaName(x);
          const kind = m ? kindSlashName(m, name) : `${String(x.kind ?? '').toLowerCase()}/${name}`;
          return `${kind}${opts.operation ? ` ${opts.operation}` : ''}\n`;
        };
        if (Array.isArray(o.items)) return o.items.filter(isObj).map(print1).join('');
        return print1(o);
      },
    };
  const eq = out.indexOf('=');
  const format = eq >= 0 ? out.slice(0, eq) : out;
  const arg = eq >= 0 ? out.slice(eq + 1) : flags.str('template');
  if (format === 'jsonpath' || format === 'jsonpath-as-json') {
    if (!arg) throw new KubectlError('template format specified but no template given');
    let jp: JsonPath;
    try {
      jp = new JsonPath(arg);
    } catch (e) {
      throw new KubectlError(`error parsing jsonpath ${arg}, ${(e as Error).message}`);
    }
    jp.allowMissingKeys = flags.bool('allow-missing-template-keys');
    return {
      print: (o) => {
        try {
          if (format === 'jsonpath-as-json') {
            const values = jp.findResults(prep(o)).flat();
            return toJson(values.filter((v): v is Json => v !== undefined));
          }
          return jp.execute(prep(o));
        } catch (e) {
          if (e instanceof JsonPathError)
            throw new KubectlError(
              `error executing jsonpath ${JSON.stringify(arg)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${arg}\n\tobject given to jsonpath engine was:\n\t\t${JSON.stringify(o)}\n\n`,
            );
          throw e;
        }
      },
    };
  }
  if (format === 'go-template' || format === 'template') {
    if (!arg) throw new KubectlError('template format specified but no template given');
    return {
      print: (o) => {
        try {
          return executeGoTemplate(arg, prep(o));
        } catch (e) {
          throw new KubectlError(`error executing template ${JSON.stringify(arg)}: ${(e as Error).message}`);
        }
      },
    };
  }
  if (format === 'custom-columns') {
    let cols;
    try {
      cols = parseCustomColumns(arg);
    } catch (e) {
      throw new KubectlError((e as Error).message);
    }
    const noHeaders = flags.bool('no-headers');
    return {
      print: (o) => {
        const w = new TabWriter();
        if (!noHeaders) w.write(customColumnsHeader(cols));
        const items = Array.isArray(o.items) && o.kind === 'List' ? o.items : [o];
        for (const item of items) w.write(customColumnsRow(cols, item));
        return w.flush();
      },
    };
  }
  throw new KubectlError(
    `unable to match a printer suitable for the output format "${out}", allowed formats are: ${opts.allowed ?? ALLOWED}`,
  );
}

/** A list of objects as kubectl composes several results into one (`kind: List`). */
export function asList(items: JsonObj[]): JsonObj {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
