import { isObj, KubectlError, type Json, type JsonObj } from '../client';
import { CommandUsageError } from '../errors';
import { obj } from '../describe/writer';
import type { Command } from '../types';

/**
 * `kubectl explain` from the server's OpenAPI v3 document, laid out as kubectl 1.32's plaintext
 * template: header, FIELD line for a path, wrapped DESCRIPTION, then FIELDS with types.
 */

function refName(s: JsonObj): string | undefined {
  const ref =
    typeof s.$ref === 'string'
      ? s.$ref
      : Array.isArray(s.allOf) && isObj(s.allOf[0])
        ? s.allOf[0].$ref
        : undefined;
  return typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : undefined;
}

function resolve(doc: JsonObj, s: JsonObj): JsonObj {
  const name = refName(s);
  const schemas = isObj(doc.components) && isObj(doc.components.schemas) ? doc.components.schemas : {};
  if (name && isObj(schemas[name])) {
    // The template prints the field's own description, then its type's.
    const parts = [s.description, schemas[name].description].filter(
      (d): d is string => typeof d === 'string' && d !== '',
    );
    return { ...schemas[name], description: parts.join('\n') };
  }
  return s;
}

function typeName(doc: JsonObj, s: JsonObj): string {
  const name = refName(s);
  if (name) {
    const short = name.split('.').pop() ?? name;
    const target = resolve(doc, s);
    if (target.type === 'string') return 'string';
    if (target.type === 'integer') return 'integer';
    return short;
  }
  if (s.type === 'array' && isObj(s.items)) return `[]${typeName(doc, s.items)}`;
  if (s.type === 'object' && isObj(s.additionalProperties))
    return `map[string]${typeName(doc, s.additionalProperties)}`;
  if (s.type === 'object') return 'Object';
  return typeof s.type === 'string' ? s.type : 'Object';
}

/**
 * go-wordwrap's WrapString, which the explain template's `wrap` calls: spaces are kept as
 * written inside a line and dropped where the line breaks; a word longer than the limit
 * overflows rather than being split.
 */
export function wrapString(s: string, lim: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of s) {
    if (ch === '\n') {
      // The line ends here either way, so only what is written matters.
      if (word.length === 0) {
        if (current + space.length <= lim) out += space;
      } else out += space + word;
      space = '';
      word = '';
      out += '\n';
      current = 0;
    } else if (ch === ' ' || ch === '\t') {
      if (space.length === 0 || word.length > 0) {
        current += space.length + word.length;
        out += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      if (current + space.length + word.length > lim && word.length < lim) {
        current = 0;
        out += '\n';
        space = '';
      }
    }
  }
  if (word.length === 0) {
    if (current + space.length <= lim) out += space;
  } else out += space + word;
  return out;
}

function wrap(text: string, width: number, indent: string): string {
  return wrapString(text, width)
    .split('\n')
    .map((l) => indent + l)
    .join('\n');
}

export const explainCommand: Command = {
  name: 'explain',
  flags: [
    { name: 'recursive', type: 'bool' },
    { name: 'api-version', type: 'string' },
    { name: 'output', short: 'o', type: 'string', default: 'plaintext' },
  ],
  async run(ctx) {
    if (ctx.args.length === 0)
      throw new CommandUsageError(
        'You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.',
      );
    const [typeArg, ...fieldPath] = ctx.args[0].split('.');
    // explain reports an unknown type without CheckErr's "error: " prefix.
    const m = await ctx.client.mapping(typeArg).catch((e: Error) => {
      throw new KubectlError(e.message, 1, true);
    });
    const docPath = m.group ? `/openapi/v3/apis/${m.group}/${m.version}` : `/openapi/v3/api/${m.version}`;
    const doc = await ctx.client.json(docPath);
    const schemas = isObj(doc.components) && isObj(doc.components.schemas) ? doc.components.schemas : {};
    const rootName = Object.keys(schemas).find((k) => {
      const gvk = isObj(schemas[k]) ? schemas[k]['x-kubernetes-group-version-kind'] : undefined;
      return (
        Array.isArray(gvk) &&
        gvk.some((g) => isObj(g) && g.kind === m.kind && g.group === m.group && g.version === m.version)
      );
    });
    if (!rootName)
      throw new KubectlError(
        `couldn't find resource for "${m.group ? m.group + '/' : ''}${m.version}, Kind=${m.kind}"`,
      );
    let schema = schemas[rootName] as JsonObj;
    let field: { name: string; type: string } | undefined;
    for (const part of fieldPath) {
      const props = isObj(schema.properties) ? schema.properties : {};
      let next = props[part];
      if (!isObj(next)) {
        if (schema.type === 'array' && isObj(schema.items))
          next = obj(resolve(doc, schema.items).properties)[part] ?? null;
        if (!isObj(next)) throw new KubectlError(`field "${part}" does not exist`);
      }
      field = { name: part, type: typeName(doc, next) };
      schema = resolve(doc, next);
      if (schema.type === 'array' && isObj(schema.items)) {
        const item = resolve(doc, schema.items);
        const parts = [schema.description, refName(schema.items) ? item.description : undefined].filter(
          (d): d is string => typeof d === 'string' && d !== '',
        );
        schema = { ...item, description: parts.join('\n') };
      }
    }
    let out = '';
    if (m.group) out += `GROUP:      ${m.group}\n`;
    out += `KIND:       ${m.kind}\nVERSION:    ${m.version}\n\n`;
    if (field) out += `FIELD: ${field.name} <${field.type}>\n\n\n`;
    const desc = typeof schema.description === 'string' ? schema.description : '';
    out += `DESCRIPTION:\n${wrap(desc || '<empty>', 76, '    ')}\n    \n`;
    const props = isObj(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
    const keys = Object.keys(props).sort();
    if (keys.length) {
      out += 'FIELDS:\n';
      for (const k of keys) {
        const p = props[k] as Json;
        if (!isObj(p)) continue;
        out += `  ${k}\t<${typeName(doc, p)}>${required.has(k) ? ' -required-' : ''}\n`;
        const d = typeof p.description === 'string' ? p.description : '';
        if (d) out += `${wrap(d, 76, '    ')}\n`;
        out += '\n';
      }
    }
    ctx.out(out + '\n');
  },
};
