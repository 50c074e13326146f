import { Flags, GLOBAL_FLAGS, parseFlags, splitLine, UsageError, type FlagSpec } from './args';
import { Client } from './client';
import { ALL_COMMAND_NAMES, COMMANDS } from './commands';
import { checkErr } from './errors';
import { klogLine } from './klog';
import type { Command, Ctx, KubectlIo, KubectlResult, StreamIo } from './types';

export type { KubectlIo, KubectlResult, StreamIo } from './types';
export { runTerminalLine, type TerminalIo } from './terminal';

/** Cobra's Levenshtein-based "Did you mean this?" (SuggestionsMinimumDistance 2, plus prefixes). */
function suggestions(name: string, cmds: string[]): string[] {
  const lev = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        d[i][j] = Math.min(
          d[i - 1][j] + 1,
          d[i][j - 1] + 1,
          d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
    return d[a.length][b.length];
  };
  return cmds.filter(
    (c) => lev(name.toLowerCase(), c.toLowerCase()) <= 2 || c.startsWith(name.toLowerCase()),
  );
}

/**
 * Cobra's Find: walk the words that are not flags (skipping the values of the global flags that
 * take one) down the command tree.
 */
function findCommand(argv: string[]): { path: Command[]; rest: string[] } | { unknown: string } {
  const takesValue = new Set<string>();
  for (const f of GLOBAL_FLAGS)
    if (f.type !== 'bool') {
      takesValue.add(`--${f.name}`);
      if (f.short) takesValue.add(`-${f.short}`);
    }
  const path: Command[] = [];
  let level: Command[] = COMMANDS;
  const rest = [...argv];
  let i = 0;
  while (i < rest.length) {
    const a = rest[i];
    if (a === '--') break;
    if (a.startsWith('-')) {
      i += takesValue.has(a) ? 2 : 1;
      continue;
    }
    const cmd = level.find((c) => c.name === a || c.aliases?.includes(a));
    if (!cmd) {
      if (path.length === 0) return { unknown: a };
      break;
    }
    path.push(cmd);
    rest.splice(i, 1);
    level = cmd.subcommands ?? [];
    if (level.length === 0) break;
  }
  return { path, rest };
}

function mergeFlags(cmd: Command): FlagSpec[] {
  const own = cmd.flags ?? [];
  const names = new Set(own.map((f) => f.name));
  const shorts = new Set(own.filter((f) => f.short).map((f) => f.short));
  return [
    ...own,
    ...GLOBAL_FLAGS.filter((g) => !names.has(g.name)).map((g) =>
      g.short && shorts.has(g.short) ? { ...g, short: undefined } : g,
    ),
  ];
}

function tokens(line: string | string[]): string[] {
  if (Array.isArray(line)) return line;
  const words = splitLine(line);
  return words[0] === 'kubectl' ? words.slice(1) : words;
}

/** kubectl with its output collected: the pure function the terminal and tests call. */
export async function runKubectl(line: string | string[], io: KubectlIo): Promise<KubectlResult> {
  return runKubectlStream(line, io);
}

/**
 * kubectl with its output delivered as it is produced (`get -w`, `logs -f`, `rollout status`):
 * chunks go to `onStdout`/`onStderr` as well as into the result; `signal` stops a stream.
 */
export async function runKubectlStream(line: string | string[], io: StreamIo): Promise<KubectlResult> {
  let stdout = '';
  let stderr = '';
  const out = (s: string) => {
    if (!s) return;
    stdout += s;
    io.onStdout?.(s);
  };
  const err = (s: string) => {
    if (!s) return;
    stderr += s;
    io.onStderr?.(s);
  };
  let argv: string[];
  try {
    argv = tokens(line);
  } catch (e) {
    err(`error: ${(e as Error).message}\n`);
    return { stdout, stderr, exitCode: 1 };
  }
  const found = findCommand(argv);
  if ('unknown' in found) {
    const s = suggestions(found.unknown, ALL_COMMAND_NAMES);
    err(
      `Error: unknown command "${found.unknown}" for "kubectl"\n` +
        (s.length ? `\nDid you mean this?\n${s.map((x) => `\t${x}\n`).join('')}\n` : ''),
    );
    return { stdout, stderr, exitCode: 1 };
  }
  const { path, rest } = found;
  const cmd = path[path.length - 1];
  const commandPath = ['kubectl', ...path.map((c) => c.name)].join(' ');
  if (!cmd) {
    out(ROOT_HELP);
    return { stdout, stderr, exitCode: 0 };
  }
  try {
    const parsed = parseFlags(rest, mergeFlags(cmd));
    if (!cmd.run) {
      if (parsed.args.length > 0) {
        err(`error: unknown command "${parsed.args[0]}"\nSee '${commandPath} -h' for help and examples\n`);
        return { stdout, stderr, exitCode: 1 };
      }
      out(cmd.help ?? '');
      return { stdout, stderr, exitCode: 1 };
    }
    // A bare --dry-run is deprecated: it means client, with klog's warning.
    if (parsed.flags.get('dry-run') === 'unchanged') {
      parsed.flags.set('dry-run', 'client');
      err(
        klogLine(
          'W',
          'helpers.go:702',
          '--dry-run is deprecated and can be replaced with --dry-run=client.',
          io.nowMs ?? Date.now(),
        ),
      );
    }
    const flags = new Flags(parsed);
    const headers: Record<string, string> = {};
    if (flags.str('as')) headers['impersonate-user'] = flags.str('as');
    if (flags.list('as-group').length) headers['impersonate-group'] = flags.list('as-group').join(', ');
    if (flags.str('token')) headers['authorization'] = `Bearer ${flags.str('token')}`;
    const kubeconfig = io.kubeconfig ?? {
      server: 'https://192.168.49.2:6443',
      contextName: 'kubesim',
      clusterName: 'kubesim',
      userName: 'kubesim-admin',
    };
    const ctxNamespace = io.namespace ?? kubeconfig.namespace ?? 'default';
    const ctx: Ctx = {
      client: new Client(io.transport, headers),
      flags,
      args: parsed.args,
      argsLenAtDash: parsed.argsLenAtDash,
      namespace: flags.str('namespace') || ctxNamespace,
      explicitNamespace: flags.changed('namespace'),
      stdin: io.stdin ?? '',
      files: io.files ?? {},
      out,
      err,
      now: () => io.nowMs ?? Date.now(),
      signal: io.signal,
      commandPath,
      kubeconfig,
      tty: io.tty ?? false,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    };
    const code = await cmd.run(ctx);
    return { stdout, stderr, exitCode: code ?? 0 };
  } catch (e) {
    if (e instanceof UsageError) {
      err(checkErr(e, commandPath).stderr);
      return { stdout, stderr, exitCode: 1 };
    }
    const r = checkErr(e, commandPath);
    err(r.stderr);
    return { stdout, stderr, exitCode: r.exitCode };
  }
}

const ROOT_HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller
  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller

Cluster Management Commands:
  certificate     Modify certificate resources
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  attach          Attach to a running container
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod
  proxy           Run a proxy to the Kubernetes API server
  cp              Copy files to and from containers
  auth            Inspect authorization
  debug           Create debugging sessions for troubleshooting workloads and nodes
  events          List events

Advanced Commands:
  diff            Diff the live version against a would-be applied version
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources
  kustomize       Build a kustomization target from a directory or URL

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource
  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)

Subcommands provided by plugins:

Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of "group/version"
  config          Modify kubeconfig files
  plugin          Provides utilities for interacting with plugins
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
