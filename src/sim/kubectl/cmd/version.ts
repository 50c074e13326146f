import { goJson } from '../printers/json';
import { toYaml } from '../printers/yaml';
import type { Command } from '../types';
import { KubectlError, type JsonObj } from '../client';

/** The client this kubectl claims to be: kubectl v1.32.0 as released. */
export const CLIENT_VERSION: JsonObj = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53',
  gitTreeState: 'clean',
  buildDate: '2024-12-11T18:04:20Z',
  goVersion: 'go1.23.3',
  compiler: 'gc',
  platform: 'linux/amd64',
};
const KUSTOMIZE = 'v5.5.0';

export const versionCommand: Command = {
  name: 'version',
  flags: [
    { name: 'client', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  async run(ctx) {
    const out = ctx.flags.str('output');
    if (out && out !== 'json' && out !== 'yaml') throw new KubectlError("--output must be 'yaml' or 'json'");
    let server: JsonObj | undefined;
    let serverErr: Error | undefined;
    if (!ctx.flags.bool('client')) {
      try {
        server = await ctx.client.json('/version');
      } catch (e) {
        serverErr = e as Error;
      }
    }
    if (out) {
      const doc: JsonObj = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE };
      if (server) doc.serverVersion = server;
      ctx.out(out === 'json' ? goJson(doc, '  ') + '\n' : toYaml(doc));
    } else {
      ctx.out(`Client Version: ${String(CLIENT_VERSION.gitVersion)}\nKustomize Version: ${KUSTOMIZE}\n`);
      if (server) ctx.out(`Server Version: ${String(server.gitVersion)}\n`);
    }
    if (serverErr) throw serverErr;
  },
};
