import type { ExecOutcome, ExecSession } from '../sim/apiserver/exec';

const SHELLS = new Set(['sh', 'ash', 'dash', 'bash']);

/** A pty turns `\n` into `\r\n` on the way out (onlcr). */
function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/**
 * `kubectl exec -it <pod> -- sh`: a line-based stand-in for a shell on a pty. kubectl's terminal
 * is raw, so the remote side echoes keys; each line runs as its own `sh -c` process in the
 * container. KubeSim simplifies here: the working directory is carried from line to line, but
 * variables are not, and a program that reads the terminal itself sees no input.
 */
export class TerminalSession {
  private line = '';
  private cwd = '/';
  private lastStatus = 0;
  private ended = false;
  private readonly shell: string | undefined;

  constructor(
    private readonly session: ExecSession,
    private readonly write: (text: string) => void,
    private readonly done: (outcome: ExecOutcome) => void,
  ) {
    const cmd = session.options.command;
    const base = (cmd[0] ?? '').slice((cmd[0] ?? '').lastIndexOf('/') + 1);
    this.shell = SHELLS.has(base) && !cmd.includes('-c') ? base : undefined;
  }

  start(): void {
    if (!this.shell) {
      // Not an interactive shell: run the command once on the terminal and end with its status.
      const r = this.session.run(this.session.options.stdin ? '' : undefined);
      this.end({ ...r, stdout: crlf(r.stdout + r.stderr), stderr: '' });
      return;
    }
    this.prompt();
  }

  input(text: string): void {
    for (const ch of text) {
      if (this.ended) return;
      if (ch === '\r' || ch === '\n') {
        this.write('\r\n');
        this.runLine(this.line);
        this.line = '';
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.line.length > 0) {
          this.line = this.line.slice(0, -1);
          this.write('\b \b');
        }
      } else if (ch === '\x03') {
        this.line = '';
        this.write('^C\r\n');
        this.prompt();
      } else if (ch === '\x04') {
        if (this.line === '') this.endOfInput();
      } else if (ch >= ' ' || ch === '\t') {
        this.line += ch;
        this.write(ch);
      }
    }
  }

  /** EOF on the terminal: the shell exits with the status of its last command. */
  endOfInput(): void {
    if (this.ended) return;
    this.write(this.shell === 'bash' ? 'exit\r\n' : '\r\n');
    this.end({ stdout: '', stderr: '', exitCode: this.lastStatus });
  }

  private end(outcome: ExecOutcome): void {
    if (this.ended) return;
    this.ended = true;
    this.done(outcome);
  }

  private prompt(): void {
    this.write(this.shell === 'bash' ? `root@${this.hostname()}:${this.cwd}# ` : `${this.cwd} # `);
  }

  private hostnameCache: string | undefined;
  private hostname(): string {
    this.hostnameCache ??= this.session.exec(['hostname'], undefined).stdout.trim();
    return this.hostnameCache;
  }

  private runLine(line: string): void {
    const text = line.trim();
    if (text === '') return this.prompt();
    const exit = /^exit(?:\s+(\d+))?$/.exec(text);
    if (exit) {
      this.end({ stdout: '', stderr: '', exitCode: exit[1] ? Number(exit[1]) & 255 : this.lastStatus });
      return;
    }
    // The line runs in the directory the session is in, and reports where it ended up.
    const marker = '__kubesim_cwd__';
    const script = `cd ${quote(this.cwd)} 2>/dev/null; ${text}\n__s=$?; echo "${marker}$PWD"; exit $__s`;
    const r = this.session.exec([this.shell ?? 'sh', '-c', script], undefined);
    let out = r.stdout;
    const at = out.lastIndexOf(marker);
    if (at >= 0) {
      this.cwd = out.slice(at + marker.length).trim() || this.cwd;
      out = out.slice(0, at);
    }
    this.lastStatus = r.startError !== undefined ? 126 : r.exitCode;
    this.write(crlf(out + r.stderr + (r.startError ? `${r.startError}\n` : '')));
    this.prompt();
  }
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
