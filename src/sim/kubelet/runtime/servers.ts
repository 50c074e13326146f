/**
 * What the server images print when they start and how they answer HTTP: nginx's real
 * entrypoint and notice lines and combined-format access log, httpd's "It works!",
 * hello-app's greeting, agnhost's liveness and netexec handlers.
 */

import { formatDate } from './shell/commands';
import type { ServerFlavour } from './images';
import { createFileSystem, normalizePath, readFile, stat, type FileSystem } from './fs';

export interface HttpRequest {
  method?: string;
  path: string;
  port: number;
  headers?: Record<string, string>;
  /** Source address, shown in access logs. */
  clientIp?: string;
}

export type HttpOutcome =
  | { kind: 'response'; status: number; body: string }
  | { kind: 'refused' }
  | { kind: 'timeout' }
  | { kind: 'malformed' };

/** The nginx welcome page (1.19+ text), with one line naming the pod, so load balancing shows. */
export function nginxIndexHtml(hostname: string): string {
  return `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
<p>Served by pod <b>${hostname}</b> (KubeSim).</p>
</body>
</html>
`;
}

function nginx404(version: string): string {
  return `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

/** Files the server images ship with, so `kubectl exec … cat` and edits work. */
export function serverFiles(flavour: ServerFlavour, hostname: string): Record<string, string> {
  switch (flavour) {
    case 'nginx':
      return {
        '/usr/share/nginx/html/index.html': nginxIndexHtml(hostname),
        '/usr/share/nginx/html/50x.html':
          '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
        '/etc/nginx/conf.d/default.conf':
          'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n',
      };
    case 'httpd':
      return { '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n' };
    default:
      return {};
  }
}

/** The container's initial file system for an image flavour. */
export function initialFileSystem(
  flavour: ServerFlavour | undefined,
  hostname: string,
  extra: Record<string, string>,
  nowMs: number,
): FileSystem {
  return createFileSystem(
    { '/etc/hostname': `${hostname}\n`, ...(flavour ? serverFiles(flavour, hostname) : {}), ...extra },
    nowMs,
  );
}

/** nginx's `$time_local`: `24/Jul/2026:15:12:45 +0000`. */
function timeLocal(ms: number): string {
  return formatDate(ms, '%d/%b/%Y:%H:%M:%S %z');
}

/** One access-log line in the docker image's `main` format (combined + X-Forwarded-For). */
export function nginxAccessLog(req: HttpRequest, status: number, bytes: number, nowMs: number): string {
  const h = lowerKeys(req.headers);
  return `${req.clientIp ?? '10.244.0.1'} - - [${timeLocal(nowMs)}] "${req.method ?? 'GET'} ${req.path} HTTP/1.1" ${status} ${bytes} "${h.referer ?? '-'}" "${h['user-agent'] ?? '-'}" "${h['x-forwarded-for'] ?? '-'}"`;
}

function lowerKeys(h: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) out[k.toLowerCase()] = v;
  return out;
}

/** Startup lines: [stream, text]. nginx before 1.19 printed nothing (no entrypoint, error_log at warn). */
export function startupLog(
  flavour: ServerFlavour,
  version: string | undefined,
  nowMs: number,
  env: Record<string, string>,
): ['stdout' | 'stderr', string][] {
  const v = version ?? '';
  const notice = (msg: string): ['stderr', string] => [
    'stderr',
    `${formatDate(nowMs, '%Y/%m/%d %H:%M:%S')} [notice] 1#1: ${msg}`,
  ];
  switch (flavour) {
    case 'nginx': {
      if (/^1\.1[0-8]\./.test(v)) return [];
      const ep = '/docker-entrypoint.sh';
      const lines: ['stdout' | 'stderr', string][] = [
        ['stdout', `${ep}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`],
        ['stdout', `${ep}: Looking for shell scripts in /docker-entrypoint.d/`],
        ['stdout', `${ep}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`],
        [
          'stdout',
          '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        ],
        [
          'stdout',
          '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        ],
      ];
      // 15-local-resolvers.envsh ships from 1.25.3 on.
      if (compareVersion(v, '1.25.3') >= 0)
        lines.push(['stdout', `${ep}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`]);
      lines.push(
        ['stdout', `${ep}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`],
        ['stdout', `${ep}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`],
        ['stdout', `${ep}: Configuration complete; ready for start up`],
        notice('using the "epoll" event method'),
        notice(`nginx/${v}`),
        notice('built by gcc 12.2.0 (Debian 12.2.0-14)'),
        notice('OS: Linux 6.8.0-kubesim'),
        notice('getrlimit(RLIMIT_NOFILE): 1048576:1048576'),
        notice('start worker processes'),
        notice('start worker process 29'),
        notice('start worker process 30'),
      );
      return lines;
    }
    case 'httpd': {
      const t = formatDate(nowMs, '%a %b %d %H:%M:%S.000000 %Y');
      return [
        [
          'stderr',
          "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.0.2. Set the 'ServerName' directive globally to suppress this message",
        ],
        [
          'stderr',
          "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.0.2. Set the 'ServerName' directive globally to suppress this message",
        ],
        [
          'stderr',
          `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${v} (Unix) configured -- resuming normal operations`,
        ],
        ['stderr', `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`],
      ];
    }
    case 'redis': {
      const t = formatDate(nowMs, '%d %b %Y %H:%M:%S.000');
      return [
        ['stdout', `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`],
        [
          'stdout',
          `1:C ${t} * Redis version=${v}, bits=64, commit=00000000, modified=0, pid=1, just started`,
        ],
        [
          'stdout',
          `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
        ],
        ['stdout', `1:M ${t} * monotonic clock: POSIX clock_gettime`],
        ['stdout', `1:M ${t} * Running mode=standalone, port=6379.`],
        ['stdout', `1:M ${t} * Server initialized`],
        ['stdout', `1:M ${t} * Ready to accept connections tcp`],
      ];
    }
    case 'postgres':
      if (!env.POSTGRES_PASSWORD && env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
        return [
          ['stderr', 'Error: Database is uninitialized and superuser password is not specified.'],
          ['stderr', '       You must specify POSTGRES_PASSWORD to a non-empty value for the'],
          ['stderr', '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".'],
        ];
      }
      return [
        [
          'stdout',
          `${formatDate(nowMs, '%Y-%m-%d %H:%M:%S.000 UTC')} [1] LOG:  database system is ready to accept connections`,
        ],
      ];
    case 'mysql':
      if (!env.MYSQL_ROOT_PASSWORD && !env.MYSQL_ALLOW_EMPTY_PASSWORD && !env.MYSQL_RANDOM_ROOT_PASSWORD) {
        return [
          [
            'stderr',
            `${formatDate(nowMs, '%Y-%m-%d %H:%M:%S+00:00')} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v}-1.el9 started.`,
          ],
          [
            'stderr',
            `${formatDate(nowMs, '%Y-%m-%d %H:%M:%S+00:00')} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`,
          ],
          ['stderr', '    You need to specify one of the following as an environment variable:'],
          ['stderr', '    - MYSQL_ROOT_PASSWORD'],
          ['stderr', '    - MYSQL_ALLOW_EMPTY_PASSWORD'],
          ['stderr', '    - MYSQL_RANDOM_ROOT_PASSWORD'],
        ];
      }
      return [
        [
          'stderr',
          `${formatDate(nowMs, '%Y-%m-%dT%H:%M:%S.000000Z')} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`,
        ],
      ];
    case 'hello-app':
      return [
        [
          'stderr',
          `${formatDate(nowMs, '%Y/%m/%d %H:%M:%S')} Server listening on port ${env.PORT ?? '8080'}`,
        ],
      ];
    case 'coredns':
      return [
        ['stdout', '.:53'],
        [
          'stdout',
          `[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908`,
        ],
        ['stdout', `CoreDNS-${v}`],
        ['stdout', 'linux/amd64, go1.21.11, a6338e9'],
      ];
    default:
      return [];
  }
}

/** Whether a server exits at once for want of configuration (postgres/mysql without a password). */
export function serverStartFails(flavour: ServerFlavour, env: Record<string, string>): boolean {
  if (flavour === 'postgres') return !env.POSTGRES_PASSWORD && env.POSTGRES_HOST_AUTH_METHOD !== 'trust';
  if (flavour === 'mysql')
    return !env.MYSQL_ROOT_PASSWORD && !env.MYSQL_ALLOW_EMPTY_PASSWORD && !env.MYSQL_RANDOM_ROOT_PASSWORD;
  return false;
}

function compareVersion(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** nginx serving static files from its root; returns status, body and the access-log line. */
export function nginxServe(
  fs: FileSystem,
  version: string,
  req: HttpRequest,
  nowMs: number,
): { status: number; body: string; log: string } {
  const root = '/usr/share/nginx/html';
  const urlPath = req.path.split('?')[0] || '/';
  let path = normalizePath(`${root}/${urlPath}`);
  if (stat(fs, path)?.type === 'dir') path = `${path === '/' ? '' : path}/index.html`;
  const r = readFile(fs, path);
  const status = r.ok ? 200 : 404;
  const body = r.ok ? r.content : nginx404(version);
  return { status, body, log: nginxAccessLog(req, status, body.length, nowMs) };
}
