import type { EtcdStore } from '../etcd/store';
import type { KeyValue } from '../etcd/types';
import type { ShellResult } from './shell';

const CLUSTER_ID = 14841639068965178418n;
const MEMBER_ID = 10276657743932975437n;

/**
 * etcdctl (v3 API) against the control plane's etcd: get / put / del / compaction, with the flags
 * a learner copies from the docs. TLS flags (`--cacert`, `--cert`, `--key`, `--endpoints`) are
 * accepted and ignored: the node shell is already on the control-plane node.
 */
export function etcdctl(etcd: EtcdStore, args: string[]): ShellResult {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--') || a === '-w') {
      const [k, v] = a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
      const boolean = ['--prefix', '--keys-only', '--print-value-only', '--from-key', '--prev-kv'].includes(
        k,
      );
      flags.set(k === '-w' ? '--write-out' : k, v ?? (boolean ? 'true' : (args[++i] ?? '')));
    } else positional.push(a);
  }
  const [cmd, ...rest] = positional;
  const out = flags.get('--write-out') ?? 'simple';
  if (!['simple', 'json'].includes(out))
    return { stdout: '', stderr: `Error: unsupported output format ${out}\n`, exitCode: 1 };
  switch (cmd) {
    case 'get': {
      const key = rest[0];
      if (key === undefined)
        return {
          stdout: '',
          stderr: 'Error: get command needs one argument as key and an optional argument as range_end\n',
          exitCode: 1,
        };
      const rev = flags.has('--rev') ? Number(flags.get('--rev')) : undefined;
      const limit = flags.has('--limit') ? Number(flags.get('--limit')) : undefined;
      let kvs: KeyValue[];
      let count: number;
      try {
        if (flags.get('--prefix') === 'true') {
          const r = etcd.range(key, { revision: rev || undefined, limit: limit || undefined });
          kvs = r.kvs;
          count = r.count;
        } else {
          const kv = etcd.get(key, rev || undefined);
          kvs = kv ? [kv] : [];
          count = kvs.length;
        }
      } catch (e) {
        return {
          stdout: '',
          stderr: `{"level":"warn","msg":"retrying of unary invoker failed"}\nError: etcdserver: ${(e as Error).message.replace(/^mvcc: /, 'mvcc: ')}\n`,
          exitCode: 1,
        };
      }
      if (out === 'json')
        return {
          stdout: jsonRange(etcd, kvs, count, flags.get('--keys-only') === 'true') + '\n',
          stderr: '',
          exitCode: 0,
        };
      let stdout = '';
      for (const kv of kvs) {
        if (flags.get('--keys-only') === 'true') stdout += `${kv.key}\n\n`;
        else if (flags.get('--print-value-only') === 'true') stdout += `${kv.value}\n`;
        else stdout += `${kv.key}\n${kv.value}\n`;
      }
      return { stdout, stderr: '', exitCode: 0 };
    }
    case 'put': {
      if (rest.length < 2)
        return {
          stdout: '',
          stderr: 'Error: put command needs 1 argument and input from stdin or 2 arguments\n',
          exitCode: 1,
        };
      etcd.put(rest[0], rest.slice(1).join(' '));
      return { stdout: 'OK\n', stderr: '', exitCode: 0 };
    }
    case 'del': {
      if (rest.length < 1)
        return {
          stdout: '',
          stderr: 'Error: del command needs one argument as key and an optional argument as range_end\n',
          exitCode: 1,
        };
      let n = 0;
      const keys = flags.get('--prefix') === 'true' ? etcd.range(rest[0]).kvs.map((kv) => kv.key) : [rest[0]];
      for (const k of keys) if (etcd.delete(k).prevKv) n++;
      return { stdout: `${n}\n`, stderr: '', exitCode: 0 };
    }
    case 'compaction': {
      const rev = Number(rest[0]);
      try {
        etcd.compact(rev);
      } catch (e) {
        return { stdout: '', stderr: `Error: etcdserver: ${(e as Error).message}\n`, exitCode: 1 };
      }
      return { stdout: `compacted revision ${rev}\n`, stderr: '', exitCode: 0 };
    }
    case 'version':
      return { stdout: 'etcdctl version: 3.5.16\nAPI version: 3.5\n', stderr: '', exitCode: 0 };
    default:
      return {
        stdout: '',
        stderr: `Error: unknown command "${cmd ?? ''}" for "etcdctl"\nRun 'etcdctl --help' for usage.\n`,
        exitCode: 1,
      };
  }
}

function b64(s: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(s)));
}

/** etcdctl's `-w json`: the ids exceed 2^53, so the JSON is written as text to keep every digit. */
function jsonRange(etcd: EtcdStore, kvs: KeyValue[], count: number, keysOnly: boolean): string {
  const header = `{"cluster_id":${CLUSTER_ID},"member_id":${MEMBER_ID},"revision":${etcd.revision},"raft_term":2}`;
  const items = kvs.map((kv) => ({
    key: b64(kv.key),
    create_revision: kv.createRevision,
    mod_revision: kv.modRevision,
    version: kv.version,
    ...(keysOnly ? {} : { value: b64(kv.value) }),
  }));
  return `{"header":${header}${items.length > 0 ? `,"kvs":${JSON.stringify(items)}` : ''},"count":${count}}`;
}
