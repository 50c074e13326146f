/**
 * systemd units of the nodes and `systemctl` over them. Components register the units they run
 * (the kubelet on every node, the control-plane components on `control-plane`), so one
 * `systemctl` serves all of them and each component only says how to start, stop and report.
 */
import type { Engine } from '../engine/simulation';
import type { ShellCommand, ShellResult } from './shell';

export interface SystemdUnit {
  /** `Description=` of the unit file. */
  description: string;
  /** `Documentation=`. */
  documentation?: string;
  /** Where the unit file lives, e.g. `/lib/systemd/system/kubelet.service`. */
  fragmentPath: string;
  /** `ExecStart=` as `ps` shows it. */
  execStart: string;
  isActive(): boolean;
  /** Virtual ms of the last start or stop. */
  since(): number;
  start(): void;
  stop(): void;
}

/** A unit by name, resolved per host (a unit may exist on some nodes only). */
export type UnitResolver = (host: string) => SystemdUnit | undefined;

export class SystemdUnits {
  private readonly resolvers = new Map<string, UnitResolver>();
  private readonly pids = new Map<string, number>();
  private nextPid = 1021;

  /** `name` without `.service`. */
  register(name: string, resolve: UnitResolver): void {
    this.resolvers.set(name, resolve);
  }

  get(host: string, name: string): SystemdUnit | undefined {
    return this.resolvers.get(name.replace(/\.service$/, ''))?.(host);
  }

  /** A stable main PID per (host, unit) and start. */
  pid(host: string, name: string, renew = false): number {
    const key = `${host}/${name}`;
    let pid = this.pids.get(key);
    if (pid === undefined || renew) this.pids.set(key, (pid = this.nextPid++ * 7));
    return pid;
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** format_timestamp: `Thu 2026-01-01 00:00:01 UTC`. */
function formatTimestamp(epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`;
}

/** format_timestamp_relative (systemd's time-util.c). */
export function formatRelative(ms: number): string {
  const SEC = 1000;
  const MIN = 60 * SEC;
  const HOUR = 60 * MIN;
  const DAY = 24 * HOUR;
  const WEEK = 7 * DAY;
  const MONTH = 2_629_800 * SEC;
  const YEAR = 31_557_600 * SEC;
  const f = Math.floor;
  if (ms >= YEAR) return `${f(ms / YEAR)} years ${f((ms % YEAR) / MONTH)} months ago`;
  if (ms >= MONTH) return `${f(ms / MONTH)} months ${f((ms % MONTH) / DAY)} days ago`;
  if (ms >= WEEK) return `${f(ms / WEEK)} weeks ${f((ms % WEEK) / DAY)} days ago`;
  if (ms >= 2 * DAY) return `${f(ms / DAY)} days ago`;
  if (ms >= 25 * HOUR) return `1 day ${f((ms - DAY) / HOUR)}h ago`;
  if (ms >= 6 * HOUR) return `${f(ms / HOUR)}h ago`;
  if (ms >= HOUR) return `${f(ms / HOUR)}h ${f((ms % HOUR) / MIN)}min ago`;
  if (ms >= 5 * MIN) return `${f(ms / MIN)}min ago`;
  if (ms >= MIN) return `${f(ms / MIN)}min ${f((ms % MIN) / SEC)}s ago`;
  if (ms >= SEC) return `${f(ms / SEC)}s ago`;
  if (ms >= 1) return `${f(ms)}ms ago`;
  return 'now';
}

function ok(stdout = ''): ShellResult {
  return { stdout, stderr: '', exitCode: 0 };
}

function fail(stderr: string, exitCode: number): ShellResult {
  return { stdout: '', stderr: stderr + '\n', exitCode };
}

/** `systemctl start|stop|restart|status|is-active <unit>…` as systemd 249 (Ubuntu 22.04) prints it. */
export function systemctl(units: SystemdUnits, engine: Engine): ShellCommand {
  const status = (host: string, name: string, u: SystemdUnit): string => {
    const unit = `${name}.service`;
    const active = u.isActive();
    const since = engine.epochMs + u.since();
    const when = `${formatTimestamp(since)}; ${formatRelative(engine.now - u.since())}`;
    const pid = units.pid(host, name);
    const lines = [
      `${active ? '●' : '○'} ${unit} - ${u.description}`,
      `     Loaded: loaded (${u.fragmentPath}; enabled; vendor preset: enabled)`,
      active ? `     Active: active (running) since ${when}` : `     Active: inactive (dead) since ${when}`,
    ];
    if (u.documentation) lines.push(`       Docs: ${u.documentation}`);
    if (active) {
      lines.push(
        `   Main PID: ${pid} (${u.execStart.split(' ')[0].split('/').pop()})`,
        `     CGroup: /system.slice/${unit}`,
        `             └─${pid} ${u.execStart}`,
      );
    } else {
      lines.push(
        `    Process: ${pid} ExecStart=${u.execStart} (code=killed, signal=TERM)`,
        `   Main PID: ${pid} (code=killed, signal=TERM)`,
      );
    }
    return lines.join('\n') + '\n';
  };

  return (host, args) => {
    const verb = args[0];
    const names = args.slice(1).filter((a) => !a.startsWith('-'));
    if (!verb) return fail('Too few arguments.', 1);
    if (!['start', 'stop', 'restart', 'status', 'is-active'].includes(verb))
      return fail(`Unknown command verb ${verb}.`, 1);
    if (names.length === 0) return fail('Too few arguments.', 1);
    let out = '';
    let err = '';
    let code = 0;
    for (const raw of names) {
      const name = raw.replace(/\.service$/, '');
      const unit = `${name}.service`;
      const u = units.get(host, name);
      switch (verb) {
        case 'start':
        case 'restart':
          if (!u) {
            err += `Failed to ${verb} ${unit}: Unit ${unit} not found.\n`;
            code = 5;
            break;
          }
          if (verb === 'restart' && u.isActive()) u.stop();
          if (!u.isActive()) {
            u.start();
            units.pid(host, name, true);
          }
          break;
        case 'stop':
          if (!u) {
            err += `Failed to stop ${unit}: Unit ${unit} not loaded.\n`;
            code = 5;
            break;
          }
          u.stop();
          break;
        case 'status':
          if (!u) {
            err += `Unit ${unit} could not be found.\n`;
            code = Math.max(code, 4);
            break;
          }
          if (out) out += '\n';
          out += status(host, name, u);
          if (!u.isActive()) code = Math.max(code, 3);
          break;
        case 'is-active':
          out += u?.isActive() ? 'active\n' : 'inactive\n';
          if (!u?.isActive()) code = 3;
          break;
      }
    }
    return code === 0 && !err ? ok(out) : { stdout: out, stderr: err, exitCode: code };
  };
}
