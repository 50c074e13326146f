import { isObj, type Json } from '../client';
import { JsonPath, JsonPathError, relaxedJsonPath } from './jsonpath';

/** `-o custom-columns=HEADER:.path,…` (kubectl's get/customcolumn.go). */
export interface Column {
  header: string;
  path: JsonPath;
}

export function parseCustomColumns(spec: string): Column[] {
  if (spec.length === 0)
    throw new JsonPathError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0)
      throw new JsonPathError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    const jp = new JsonPath(relaxedJsonPath(part.slice(i + 1)));
    jp.allowMissingKeys = true;
    return { header: part.slice(0, i), path: jp };
  });
}

/** Go's fmt.Sprint of an unstructured value: maps as `map[k:v]`, slices as `[a b]`. */
export function goSprint(v: Json | undefined): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number')
    return Number.isInteger(v) && Math.abs(v) < 1e21
      ? String(v)
      : String(v).replace(/e([+-])(\d)$/, 'e$10$2');
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (isObj(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goSprint(v[k])}`)
      .join(' ')}]`;
  return '';
}

/** One row of cells, tab-separated, for one object. */
export function customColumnsRow(columns: Column[], obj: Json): string {
  return (
    columns
      .map((c) => {
        const values = c.path.findResults(obj);
        const strs: string[] = [];
        if (values.length === 0 || values[0].length === 0) strs.push('<none>');
        for (const group of values) for (const v of group) strs.push(goSprint(v));
        return strs.join(',');
      })
      .join('\t') + '\n'
  );
}

export function customColumnsHeader(columns: Column[]): string {
  return columns.map((c) => c.header).join('\t') + '\n';
}
