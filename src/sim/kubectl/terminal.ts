import { splitLine } from './args';
import type { KubectlResult, StreamIo } from './types';
import { runKubectlStream } from './index';

/**
 * The in-browser terminal's one entry: a typed line (possibly several, for a heredoc) becomes a
 * kubectl run, a node shell command over `ssh`, or one of the few shell built-ins a learner
 * needs. There is no real shell: only the pipelines that feed kubectl its stdin are understood.
 */
export type TerminalIo = StreamIo;

export interface TerminalResult extends KubectlResult {
  /** The line was `clear`: the terminal should wipe its screen. */
  clear?: boolean;
}

const HELP = `KubeSim terminal
  kubectl <command> [flags]              the Kubernetes CLI (also: k)
  ssh <node> <command>                   run a command on a node (etcdctl, crictl, iptables-save, …)
  cat <<EOF | kubectl apply -f -         paste a manifest, end it with a line holding EOF
  clear                                  clear the screen
`;

/** Splits a heredoc off the first line: `cmd <<EOF` … `EOF`. */
function heredoc(input: string): { line: string; stdin?: string } {
  const lines = input.split('\n');
  const first = lines[0];
  const m = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/.exec(first);
  if (!m) return { line: input.trim() };
  const word = m[3];
  const strip = m[1] === '-';
  const body: string[] = [];
  for (const l of lines.slice(1)) {
    const t = strip ? l.replace(/^\t+/, '') : l;
    if (t === word) break;
    body.push(t);
  }
  const line = first.slice(0, m.index) + first.slice(m.index + m[0].length);
  return { line: line.trim(), stdin: body.length ? body.join('\n') + '\n' : '' };
}

/** `echo '…' | kubectl …` and `cat <<EOF | kubectl …`: the text before the pipe is kubectl's stdin. */
function pipeline(line: string, stdin: string | undefined): { words: string[]; stdin?: string } {
  const words = splitLine(line);
  const bar = words.indexOf('|');
  if (bar < 0) return { words, stdin };
  const left = words.slice(0, bar);
  const right = words.slice(bar + 1);
  if (left[0] === 'echo') return { words: right, stdin: left.slice(1).join(' ') + '\n' };
  if (left[0] === 'cat' && left.length === 1) return { words: right, stdin };
  return { words: right, stdin };
}

async function ssh(words: string[], io: TerminalIo): Promise<TerminalResult> {
  const host = words[1];
  if (!host) return { stdout: '', stderr: 'usage: ssh <node> <command>\n', exitCode: 255 };
  const command = words.slice(2).join(' ');
  if (!command)
    return {
      stdout: '',
      stderr: `Pseudo-terminal will not be allocated: KubeSim's ssh runs one command, e.g. ssh ${host} crictl ps\n`,
      exitCode: 255,
    };
  const res = await io.transport({
    method: 'POST',
    path: '/simulator/v1/exec',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ host, command }),
  });
  let out: { stdout?: string; stderr?: string; exitCode?: number; message?: string };
  try {
    out = JSON.parse(res.body) as typeof out;
  } catch {
    return { stdout: '', stderr: `ssh: ${res.body}\n`, exitCode: 255 };
  }
  if (res.status >= 300)
    return {
      stdout: '',
      stderr: `ssh: ${out.message ?? `Could not resolve hostname ${host}`}\n`,
      exitCode: 255,
    };
  io.onStdout?.(out.stdout ?? '');
  io.onStderr?.(out.stderr ?? '');
  return { stdout: out.stdout ?? '', stderr: out.stderr ?? '', exitCode: out.exitCode ?? 0 };
}

export async function runTerminalLine(input: string, io: TerminalIo): Promise<TerminalResult> {
  const { line, stdin: hereStdin } = heredoc(input);
  if (line === '') return { stdout: '', stderr: '', exitCode: 0 };
  let words: string[];
  let stdin: string | undefined;
  try {
    ({ words, stdin } = pipeline(line, hereStdin));
  } catch (e) {
    return { stdout: '', stderr: `bash: ${(e as Error).message}\n`, exitCode: 2 };
  }
  const cmd = words[0];
  if (cmd === 'clear') return { stdout: '', stderr: '', exitCode: 0, clear: true };
  if (cmd === 'help') {
    io.onStdout?.(HELP);
    return { stdout: HELP, stderr: '', exitCode: 0 };
  }
  if (cmd === 'ssh') return ssh(words, io);
  if (cmd === 'kubectl' || cmd === 'k')
    return runKubectlStream(words.slice(1), { tty: true, ...io, stdin: stdin ?? io.stdin });
  const msg = `bash: ${cmd}: command not found\n`;
  io.onStderr?.(msg);
  return { stdout: '', stderr: msg, exitCode: 127 };
}
