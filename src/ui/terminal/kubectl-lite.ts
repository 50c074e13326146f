/**
 * The terminal's commands until KubeSim's TypeScript kubectl (`src/sim/kubectl`) offers a line
 * runner: `ssh <host> <command>` through the node shell, and the kubectl verbs below as the real
 * API calls kubectl makes (tables are printed server-side, as `kubectl get` asks for them).
 */
import type { ClusterClient } from '../store/client';

export interface LineResult {
  stdout: string;
  stderr: string;
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  singularName?: string;
  group: string;
  version: string;
}

const HEADERS = { 'x-kubesim-client': 'kubectl', 'user-agent': 'kubectl/v1.32.4 (kubesim)' };
const GROUP_VERSIONS = [
  'v1',
  'apps/v1',
  'discovery.k8s.io/v1',
  'coordination.k8s.io/v1',
  'rbac.authorization.k8s.io/v1',
];

let resources: Promise<ApiResource[]> | undefined;

function discover(client: ClusterClient): Promise<ApiResource[]> {
  resources ??= Promise.all(
    GROUP_VERSIONS.map(async (gv) => {
      const r = await client.request({ method: 'GET', path: gv === 'v1' ? '/api/v1' : `/apis/${gv}` });
      if (r.status !== 200) return [];
      const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
      const list = JSON.parse(r.body) as { resources?: Omit<ApiResource, 'group' | 'version'>[] };
      return (list.resources ?? [])
        .filter((x) => !x.name.includes('/'))
        .map((x) => ({ ...x, group, version }));
    }),
  ).then((l) => l.flat());
  return resources;
}

function find(all: ApiResource[], arg: string): ApiResource | undefined {
  const [name, group] = arg.toLowerCase().split(/\.(.*)/s);
  return all.find(
    (r) =>
      (group === undefined || r.group === group) &&
      (r.name === name ||
        r.singularName === name ||
        r.kind.toLowerCase() === name ||
        r.shortNames?.includes(name)),
  );
}

function collectionPath(r: ApiResource, ns: string | undefined): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced && ns ? `${base}/namespaces/${ns}/${r.name}` : `${base}/${r.name}`;
}

function statusMessage(body: string): string {
  try {
    return (JSON.parse(body) as { message?: string }).message ?? body;
  } catch {
    return body;
  }
}

interface Table {
  columnDefinitions: { name: string; priority?: number }[];
  rows: { cells: unknown[]; object?: { metadata?: { namespace?: string } } }[];
}

function printTable(t: Table, withNamespace: boolean): string {
  const cols = t.columnDefinitions.map((c, i) => ({ ...c, i })).filter((c) => !c.priority);
  const header = [...(withNamespace ? ['NAMESPACE'] : []), ...cols.map((c) => c.name.toUpperCase())];
  const rows = t.rows.map((r) => [
    ...(withNamespace ? [r.object?.metadata?.namespace ?? ''] : []),
    ...cols.map((c) => String(r.cells[c.i] ?? '')),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] + 3)))
      .join('')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

interface Flags {
  namespace?: string;
  all: boolean;
  replicas?: number;
  positional: string[];
}

function parseFlags(args: string[]): Flags {
  const f: Flags = { all: false, positional: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const val = (name: string): string | undefined =>
      a.startsWith(`${name}=`) ? a.slice(name.length + 1) : a === name ? args[++i] : undefined;
    if (a === '-A' || a === '--all-namespaces') f.all = true;
    else if (a.startsWith('-n') || a.startsWith('--namespace'))
      f.namespace = val(a.startsWith('-n') && !a.startsWith('--') ? '-n' : '--namespace') ?? a.slice(2);
    else if (a.startsWith('--replicas')) f.replicas = Number(val('--replicas'));
    else f.positional.push(a);
  }
  return f;
}

/** Splits a shell line on spaces, keeping quoted parts together. */
export function splitWords(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

const HELP = `KubeSim terminal
  kubectl get <resource> [name] [-n <namespace> | -A]
  kubectl scale <resource>/<name> --replicas=<n> [-n <namespace>]
  kubectl delete <resource> <name> [-n <namespace>]
  ssh <host> <command>        e.g. ssh control-plane etcdctl get /registry --prefix --keys-only
  clear
`;

export async function runLine(client: ClusterClient, line: string): Promise<LineResult> {
  const words = splitWords(line.trim());
  if (!words.length) return { stdout: '', stderr: '' };
  const [cmd, ...rest] = words;
  if (cmd === 'help') return { stdout: HELP, stderr: '' };
  if (cmd === 'ssh') {
    const [host, ...command] = rest;
    if (!host || !command.length) return { stdout: '', stderr: 'usage: ssh <host> <command>\n' };
    const r = await client.exec(host, command.join(' '));
    return { stdout: r.stdout, stderr: r.stderr };
  }
  if (cmd !== 'kubectl') return { stdout: '', stderr: `${cmd}: command not found (try "help")\n` };
  const [verb, ...args] = rest;
  const f = parseFlags(args);
  const ns = f.all ? undefined : (f.namespace ?? 'default');
  const all = await discover(client);
  switch (verb) {
    case 'get': {
      const [type, name] = f.positional;
      if (!type) return { stdout: '', stderr: 'error: You must specify the type of resource to get.\n' };
      const res = find(all, type);
      if (!res) return { stdout: '', stderr: `error: the server doesn't have a resource type "${type}"\n` };
      const path = collectionPath(res, ns) + (name ? `/${name}` : '');
      const r = await client.request({
        method: 'GET',
        path,
        headers: { ...HEADERS, accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
      });
      if (r.status !== 200)
        return { stdout: '', stderr: `Error from server (${reason(r.body)}): ${statusMessage(r.body)}\n` };
      const table = JSON.parse(r.body) as Table;
      if (!table.rows.length)
        return {
          stdout: '',
          stderr: ns ? `No resources found in ${ns} namespace.\n` : 'No resources found\n',
        };
      return { stdout: printTable(table, f.all && res.namespaced), stderr: '' };
    }
    case 'scale': {
      const [target, maybeName] = f.positional;
      const [type, name] = target?.includes('/') ? target.split('/') : [target, maybeName];
      const res = type ? find(all, type) : undefined;
      if (!res || !name || f.replicas === undefined || !Number.isInteger(f.replicas))
        return { stdout: '', stderr: 'error: usage: kubectl scale <resource>/<name> --replicas=<n>\n' };
      const r = await client.request({
        method: 'PATCH',
        path: `${collectionPath(res, ns)}/${name}/scale`,
        headers: { ...HEADERS, 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({ spec: { replicas: f.replicas } }),
      });
      if (r.status >= 300)
        return { stdout: '', stderr: `Error from server (${reason(r.body)}): ${statusMessage(r.body)}\n` };
      return {
        stdout: `${res.singularName || res.kind.toLowerCase()}${res.group ? `.${res.group}` : ''}/${name} scaled\n`,
        stderr: '',
      };
    }
    case 'delete': {
      const [type, name] = f.positional;
      const res = type ? find(all, type) : undefined;
      if (!res || !name) return { stdout: '', stderr: 'error: usage: kubectl delete <resource> <name>\n' };
      const r = await client.request({
        method: 'DELETE',
        path: `${collectionPath(res, ns)}/${name}`,
        headers: HEADERS,
      });
      if (r.status >= 300)
        return { stdout: '', stderr: `Error from server (${reason(r.body)}): ${statusMessage(r.body)}\n` };
      return { stdout: `${res.singularName || res.kind.toLowerCase()} "${name}" deleted\n`, stderr: '' };
    }
    default:
      return {
        stdout: '',
        stderr: `error: unknown command "${verb ?? ''}" for "kubectl" (this terminal knows get, scale, delete)\n`,
      };
  }
}

function reason(body: string): string {
  try {
    return (JSON.parse(body) as { reason?: string }).reason ?? 'Unknown';
  } catch {
    return 'Unknown';
  }
}
