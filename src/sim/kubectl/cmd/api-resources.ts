import { groupVersion, KubectlError } from '../client';
import { TabWriter } from '../printers/tabwriter';
import type { Command } from '../types';

/** `kubectl api-resources`: discovery as a table, in discovery order. */
export const apiResourcesCommand: Command = {
  name: 'api-resources',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'api-group', type: 'string' },
    { name: 'namespaced', type: 'bool', default: true },
    { name: 'verbs', type: 'stringSlice' },
    { name: 'sort-by', type: 'string' },
    { name: 'cached', type: 'bool' },
    { name: 'categories', type: 'stringSlice' },
  ],
  async run(ctx) {
    const f = ctx.flags;
    const out = f.str('output');
    if (out && out !== 'wide' && out !== 'name') throw new KubectlError(`--output ${out} is not available`);
    let all = (await ctx.client.discover()).slice();
    if (f.changed('namespaced')) all = all.filter((m) => m.namespaced === f.bool('namespaced'));
    if (f.changed('api-group')) all = all.filter((m) => m.group === f.str('api-group'));
    for (const v of f.list('verbs')) all = all.filter((m) => m.verbs.includes(v));
    for (const c of f.list('categories')) all = all.filter((m) => m.categories.includes(c));
    if (!f.str('sort-by')) all.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
    if (f.str('sort-by') === 'name')
      all.sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
    if (f.str('sort-by') === 'kind') all.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
    if (out === 'name') {
      ctx.out(all.map((m) => (m.group ? `${m.resource}.${m.group}\n` : `${m.resource}\n`)).join(''));
      return;
    }
    const w = new TabWriter();
    if (!f.bool('no-headers'))
      w.write(
        out === 'wide'
          ? 'NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\tVERBS\tCATEGORIES\n'
          : 'NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n',
      );
    for (const m of all) {
      const cells = [m.resource, m.shortNames.join(','), groupVersion(m), String(m.namespaced), m.kind];
      if (out === 'wide') cells.push(m.verbs.join(','), m.categories.join(','));
      w.write(cells.join('\t') + '\n');
    }
    ctx.out(w.flush());
  },
};

export const apiVersionsCommand: Command = {
  name: 'api-versions',
  async run(ctx) {
    const gvs = new Set((await ctx.client.discover()).map((m) => groupVersion(m)));
    ctx.out(
      [...gvs]
        .sort()
        .map((g) => `${g}\n`)
        .join(''),
    );
  },
};
