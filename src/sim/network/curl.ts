import type { RequestOptions, RequestResult } from './packet-path';

/**
 * `curl` (8.5.0, as Ubuntu 24.04 ships it) over the packet path: its options, what it prints
 * and its exit codes — 6 a name that does not resolve, 7 a refused connection, 28 a time-out,
 * 22 an HTTP error under `-f`. Output goes to a terminal, so no progress meter is drawn.
 */
export interface CurlOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

interface CurlArgs {
  url?: string;
  silent: boolean;
  showError: boolean;
  include: boolean;
  head: boolean;
  fail: boolean;
  verbose: boolean;
  output?: string;
  writeOut?: string;
  method?: string;
  headers: Record<string, string>;
  maxTimeMs?: number;
  connectTimeoutMs?: number;
}

const USAGE = "curl: try 'curl --help' or 'curl --manual' for more information\n";

function parseArgs(argv: string[]): CurlArgs | string {
  const a: CurlArgs = {
    silent: false,
    showError: false,
    include: false,
    head: false,
    fail: false,
    verbose: false,
    headers: {},
  };
  const seconds = (v: string | undefined, flag: string): number | string => {
    const n = Number(v);
    return v === undefined || Number.isNaN(n)
      ? `curl: option ${flag}: expected a proper numerical parameter\n${USAGE}`
      : Math.round(n * 1000);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => argv[++i];
    if (!arg.startsWith('-') || arg === '-') {
      a.url = arg;
      continue;
    }
    if (arg.startsWith('--')) {
      switch (arg) {
        case '--silent':
          a.silent = true;
          break;
        case '--show-error':
          a.showError = true;
          break;
        case '--include':
          a.include = true;
          break;
        case '--head':
          a.head = true;
          break;
        case '--fail':
          a.fail = true;
          break;
        case '--verbose':
          a.verbose = true;
          break;
        case '--output':
          a.output = next();
          break;
        case '--write-out':
          a.writeOut = next();
          break;
        case '--request':
          a.method = next();
          break;
        case '--header': {
          const h = next() ?? '';
          const c = h.indexOf(':');
          if (c > 0) a.headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
          break;
        }
        case '--max-time': {
          const v = seconds(next(), '--max-time');
          if (typeof v === 'string') return v;
          a.maxTimeMs = v;
          break;
        }
        case '--connect-timeout': {
          const v = seconds(next(), '--connect-timeout');
          if (typeof v === 'string') return v;
          a.connectTimeoutMs = v;
          break;
        }
        case '--url':
          a.url = next();
          break;
        default:
          return `curl: option ${arg}: is unknown\n${USAGE}`;
      }
      continue;
    }
    // Short options may be bundled (-sS, -sSL); those taking a value take the rest or the next arg.
    for (let j = 1; j < arg.length; j++) {
      const f = arg[j];
      const value = () => (j + 1 < arg.length ? arg.slice(j + 1) : next());
      switch (f) {
        case 's':
          a.silent = true;
          break;
        case 'S':
          a.showError = true;
          break;
        case 'i':
          a.include = true;
          break;
        case 'I':
          a.head = true;
          break;
        case 'f':
          a.fail = true;
          break;
        case 'v':
          a.verbose = true;
          break;
        case 'L':
        case 'k':
          break;
        case 'o':
          a.output = value();
          j = arg.length;
          break;
        case 'w':
          a.writeOut = value();
          j = arg.length;
          break;
        case 'X':
          a.method = value();
          j = arg.length;
          break;
        case 'H': {
          const h = value() ?? '';
          const c = h.indexOf(':');
          if (c > 0) a.headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
          j = arg.length;
          break;
        }
        case 'm': {
          const v = seconds(value(), '-m');
          if (typeof v === 'string') return v;
          a.maxTimeMs = v;
          j = arg.length;
          break;
        }
        default:
          return `curl: option -${f}: is unknown\n${USAGE}`;
      }
    }
  }
  return a;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function curl(argv: string[], run: (url: string, opts: RequestOptions) => RequestResult): CurlOutput {
  const a = parseArgs(argv);
  if (typeof a === 'string') return { stdout: '', stderr: a, exitCode: 2 };
  if (!a.url) return { stdout: '', stderr: `curl: no URL specified!\n${USAGE}`, exitCode: 2 };
  const limit =
    a.connectTimeoutMs !== undefined && a.maxTimeMs !== undefined
      ? Math.min(a.connectTimeoutMs, a.maxTimeMs)
      : (a.connectTimeoutMs ?? a.maxTimeMs);
  const method = a.method ?? (a.head ? 'HEAD' : 'GET');
  const r = run(a.url, { method, headers: a.headers, connectTimeoutMs: limit });
  const quietErrors = a.silent && !a.showError;
  const fail = (code: number, message: string, stdout = ''): CurlOutput => ({
    stdout: stdout + (a.writeOut ? writeOut(a.writeOut, 0) : ''),
    stderr: quietErrors ? '' : `curl: (${code}) ${message}\n`,
    exitCode: code,
  });
  const ms = Math.round(r.latencyMs);
  const e = r.error;
  if (e) {
    switch (e.kind) {
      case 'source':
        return { stdout: '', stderr: `curl: ${e.message}\n`, exitCode: 3 };
      case 'resolve':
        return fail(6, `Could not resolve host: ${e.host}`);
      case 'refused':
        return fail(
          7,
          `Failed to connect to ${e.ip} port ${e.port} after ${ms} ms: Couldn't connect to server`,
        );
      case 'reset':
        return fail(56, 'Recv failure: Connection reset by peer');
      case 'timeout':
        if (
          a.maxTimeMs !== undefined &&
          (a.connectTimeoutMs === undefined || a.maxTimeMs <= a.connectTimeoutMs)
        )
          return fail(28, `Connection timed out after ${ms} milliseconds`);
        if (a.connectTimeoutMs !== undefined)
          return fail(28, `Failed to connect to ${e.ip} port ${e.port} after ${ms} ms: Timeout was reached`);
        return fail(
          28,
          `Failed to connect to ${e.ip} port ${e.port} after ${ms} ms: Couldn't connect to server`,
        );
    }
  }
  const res = r.response!;
  const headers =
    `HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}\r\n` +
    `Content-Type: text/html\r\nContent-Length: ${new TextEncoder().encode(res.body).length}\r\nConnection: keep-alive\r\n\r\n`;
  if (a.fail && res.status >= 400) return fail(22, `The requested URL returned error: ${res.status}`);
  let body = a.head ? headers : (a.include ? headers : '') + res.body;
  if (a.output !== undefined && a.output !== '-') body = '';
  return { stdout: body + (a.writeOut ? writeOut(a.writeOut, res.status) : ''), stderr: '', exitCode: 0 };
}

/** `-w`: the variables people use in labs (`%{http_code}`, `%{time_total}`), and `\n`. */
function writeOut(format: string, code: number): string {
  return format
    .replace(/%\{http_code\}|%\{response_code\}/g, String(code).padStart(3, '0'))
    .replace(/\\n/g, '\n');
}
