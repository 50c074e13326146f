export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** A command of a node's shell; `host` is the node it runs on. */
export type ShellCommand = (host: string, args: string[]) => ShellResult;

/** Splits a command line as sh does for simple commands: quotes, backslashes, no expansion. */
export function splitCommandLine(line: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += ch;
  }
  if (quote) return undefined;
  if (has || cur) out.push(cur);
  return out;
}

/**
 * The shell of a node (what `ssh <node>` gives): a table of commands that components register —
 * etcdctl on the control plane, systemctl, crictl, iptables-save, curl on every node.
 */
export class NodeShell {
  private readonly commands = new Map<string, ShellCommand>();

  constructor(private readonly hostExists: (host: string) => boolean) {}

  register(name: string, cmd: ShellCommand): void {
    this.commands.set(name, cmd);
  }

  run(host: string, line: string): ShellResult {
    if (!this.hostExists(host))
      return {
        stdout: '',
        stderr: `ssh: Could not resolve hostname ${host}: Name or service not known\n`,
        exitCode: 255,
      };
    const argv = splitCommandLine(line);
    if (!argv)
      return { stdout: '', stderr: 'bash: unexpected EOF while looking for matching quote\n', exitCode: 2 };
    // `sudo` and leading `VAR=value` assignments (ETCDCTL_API=3) change nothing here.
    while (argv.length > 0 && (argv[0] === 'sudo' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0]))) argv.shift();
    if (argv.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
    const cmd = this.commands.get(argv[0]);
    if (!cmd) return { stdout: '', stderr: `bash: ${argv[0]}: command not found\n`, exitCode: 127 };
    return cmd(host, argv.slice(1));
  }
}
