import type { ShellResult } from '../shell/shell';
import type { ContainerRuntime, RuntimeContainer } from './container-runtime';
import { formatLog } from './runtime/log';
import { parseImageReference, repositoryOf } from './runtime/reference';

/** docker/go-units HumanDuration, as crictl's CREATED column uses it. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** go-units HumanSizeWithPrecision(size, 3): decimal units, three significant digits. */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(3))}${units[i]}`;
}

/** text/tabwriter with crictl's settings (minwidth 20, padding 3). */
function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows)
    r.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 20, cell.length + 3);
    });
  return (
    rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('')).join('\n') +
    '\n'
  );
}

const STATE: Record<string, string> = {
  CONTAINER_CREATED: 'Created',
  CONTAINER_RUNNING: 'Running',
  CONTAINER_EXITED: 'Exited',
  SANDBOX_READY: 'Ready',
  SANDBOX_NOTREADY: 'NotReady',
};

function imageId(c: RuntimeContainer): string {
  return c.entry.digest.replace(/^sha256:/, '').slice(0, 13);
}

/** `crictl ps|pods|images|stop|logs|inspect` against a node's runtime. */
export function crictl(runtime: ContainerRuntime, args: string[], nowEpochMs: number): ShellResult {
  const ok = (stdout: string): ShellResult => ({ stdout, stderr: '', exitCode: 0 });
  const fail = (msg: string): ShellResult => ({ stdout: '', stderr: `${msg}\n`, exitCode: 1 });
  const sub = args[0];
  const rest = args.slice(1);
  const has = (...f: string[]) => rest.some((a) => f.includes(a));
  const ago = (t: number) => `${humanDuration(nowEpochMs - t)} ago`;
  const find = (prefix: string): RuntimeContainer | undefined => {
    const matches = [...runtime.containers.values()].filter((c) => c.id.startsWith(prefix));
    return matches.length === 1 ? matches[0] : undefined;
  };
  switch (sub) {
    case 'ps': {
      const all = has('-a', '--all');
      const quiet = has('-q', '--quiet');
      const list = [...runtime.containers.values()]
        .filter((c) => all || c.state === 'CONTAINER_RUNNING')
        .sort((a, b) => b.createdAt - a.createdAt);
      if (quiet) return ok(list.map((c) => `${c.id}\n`).join(''));
      const rows = [
        ['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE'],
      ];
      for (const c of list)
        rows.push([
          c.id.slice(0, 13),
          imageId(c),
          ago(c.createdAt),
          STATE[c.state],
          c.name,
          String(c.attempt),
          c.sandboxId.slice(0, 13),
          c.podName,
          c.namespace,
        ]);
      return ok(table(rows));
    }
    case 'pods': {
      const quiet = has('-q', '--quiet');
      const list = [...runtime.sandboxes.values()].sort((a, b) => b.createdAt - a.createdAt);
      if (quiet) return ok(list.map((s) => `${s.id}\n`).join(''));
      const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
      for (const s of list)
        rows.push([
          s.id.slice(0, 13),
          ago(s.createdAt),
          STATE[s.state],
          s.podName,
          s.namespace,
          String(s.attempt),
          '(default)',
        ]);
      return ok(table(rows));
    }
    case 'images':
    case 'img': {
      const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']];
      const list = [...runtime.images.values()].sort((a, b) => (a.entry.ref < b.entry.ref ? -1 : 1));
      for (const i of list) {
        const p = parseImageReference(i.entry.ref);
        const repo = p.ok ? repositoryOf(p.ref) : i.entry.ref;
        const tag = p.ok ? (p.ref.tag ?? '<none>') : '<none>';
        rows.push([
          repo,
          tag,
          i.entry.digest.replace(/^sha256:/, '').slice(0, 13),
          humanSize(i.entry.sizeBytes),
        ]);
      }
      return ok(table(rows));
    }
    case 'stop': {
      const ids = rest.filter((a) => !a.startsWith('-'));
      if (ids.length === 0) return fail('ID cannot be empty');
      let out = '';
      for (const id of ids) {
        const c = find(id);
        if (!c)
          return fail(
            `stopping the container "${id}": rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`,
          );
        runtime.stopContainer(
          c.id,
          0,
          { object: { kind: 'Pod', namespace: c.namespace, name: c.podName } },
          () => runtime.onContainerEvent?.(c.podUid),
        );
        out += `${id}\n`;
      }
      return ok(out);
    }
    case 'logs': {
      const id = rest.filter((a) => !a.startsWith('-')).pop();
      if (!id) return fail('ID cannot be empty');
      const c = find(id);
      if (!c)
        return fail(
          `rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`,
        );
      const tailArg = rest.find((a) => a.startsWith('--tail='));
      return ok(
        formatLog(c.log, {
          ...(tailArg ? { tail: Number(tailArg.slice(7)) } : {}),
          timestamps: has('-t', '--timestamps'),
        }),
      );
    }
    case undefined:
      return ok(
        'NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n',
      );
    default:
      return { stdout: '', stderr: `No help topic for '${sub}'\n`, exitCode: 3 };
  }
}
