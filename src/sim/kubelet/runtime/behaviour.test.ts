import { describe, expect, it } from 'vitest';
import {
  createContainer,
  exec,
  handleHttp,
  memoryUsageBytes,
  probe,
  stepContainer,
  type Container,
  type ContainerInput,
} from './behaviour';
import { lookupImage } from './images';
import { formatLog } from './log';
import { nginxAccessLog } from './servers';

const T0 = Date.UTC(2025, 0, 1);
const IP = '10.244.1.5';

function make(image: string, rest: Partial<ContainerInput> = {}): Container {
  const entry = lookupImage(image);
  if (!entry) throw new Error(image);
  const r = createContainer(
    {
      image: entry,
      env: { HOSTNAME: 'pod-a', KUBERNETES_PORT: 'tcp://10.96.0.1:443' },
      hostname: 'pod-a',
      ...rest,
    },
    T0,
  );
  if (!r.ok) throw new Error(r.message);
  return r.container;
}

describe('exec-liveness.yaml', () => {
  it('is healthy for 30 s, then cat fails with the busybox text', () => {
    const c = make('registry.k8s.io/busybox:1.27.2', {
      args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
    });
    const liveness = { kind: 'exec' as const, command: ['cat', '/tmp/healthy'] };
    for (const s of [5, 10, 25, 29]) {
      expect(stepContainer(c, T0 + s * 1000).state).toBe('running');
      expect(probe(c, liveness, T0 + s * 1000, { podIP: IP }).result).toBe('success');
    }
    expect(stepContainer(c, T0 + 35_000)).toEqual({ state: 'running', wakeAt: T0 + 630_000 });
    expect(probe(c, liveness, T0 + 35_000, { podIP: IP })).toEqual({
      result: 'failure',
      output: "cat: can't open '/tmp/healthy': No such file or directory",
    });
  });
});

describe('http-liveness.yaml (agnhost liveness)', () => {
  it('answers 200 until 10 s, then 500', () => {
    const c = make('registry.k8s.io/e2e-test-images/agnhost:2.40', { args: ['liveness'] });
    const spec = {
      kind: 'httpGet' as const,
      port: 8080,
      path: '/healthz',
      headers: { 'Custom-Header': 'Awesome' },
    };
    expect(stepContainer(c, T0 + 3000)).toEqual({ state: 'running', wakeAt: null });
    expect(probe(c, spec, T0 + 3000, { podIP: IP }).result).toBe('success');
    expect(probe(c, spec, T0 + 10_000, { podIP: IP }).result).toBe('success');
    expect(probe(c, spec, T0 + 12_000, { podIP: IP })).toEqual({
      result: 'failure',
      output: 'HTTP probe failed with statuscode: 500',
    });
    expect(handleHttp(c, { path: '/healthz', port: 8080 }, T0 + 12_000)).toEqual({
      kind: 'response',
      status: 500,
      body: 'error: 12',
    });
    expect(probe(c, { kind: 'httpGet', port: 9999, path: '/' }, T0, { podIP: IP }).output).toBe(
      `Get "http://${IP}:9999/": dial tcp ${IP}:9999: connect: connection refused`,
    );
  });
});

describe('commands.yaml', () => {
  it('printenv prints and exits 0 (Completed)', () => {
    const c = make('debian', { command: ['printenv'], args: ['HOSTNAME', 'KUBERNETES_PORT'] });
    expect(stepContainer(c, T0)).toEqual({ state: 'exited', code: 0, reason: 'Completed' });
    expect(formatLog(c.proc.log)).toBe('pod-a\ntcp://10.96.0.1:443\n');
  });
});

describe('servers', () => {
  it('nginx logs its startup, serves the page naming the pod and logs access', () => {
    const c = make('nginx');
    expect(stepContainer(c, T0 + 1000)).toEqual({ state: 'running', wakeAt: null });
    const logs = formatLog(c.proc.log);
    expect(logs).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    expect(logs).toContain('2025/01/01 00:00:00 [notice] 1#1: nginx/1.27.5\n');
    const r = handleHttp(
      c,
      { path: '/', port: 80, clientIp: '10.244.0.7', headers: { 'User-Agent': 'curl/8.5.0' } },
      T0 + 5000,
    );
    expect(r.kind === 'response' && r.status).toBe(200);
    expect(r.kind === 'response' && r.body).toContain('Served by pod <b>pod-a</b>');
    const bytes = r.kind === 'response' ? r.body.length : 0;
    expect(c.proc.log.lines.at(-1)?.text).toBe(
      `10.244.0.7 - - [01/Jan/2025:00:00:05 +0000] "GET / HTTP/1.1" 200 ${bytes} "-" "curl/8.5.0" "-"`,
    );
    expect(handleHttp(c, { path: '/nope', port: 80 }, T0).kind === 'response').toBe(true);
    expect(probe(c, { kind: 'tcpSocket', port: 80 }, T0, { podIP: IP }).result).toBe('success');
  });

  it('nginx 1.14.2 prints nothing at startup', () => {
    const c = make('nginx:1.14.2');
    stepContainer(c, T0 + 1000);
    expect(formatLog(c.proc.log)).toBe('');
  });

  it('serves what kubectl exec wrote into the web root', () => {
    const c = make('nginx');
    expect(exec(c, ['sh', '-c', 'echo hello > /usr/share/nginx/html/index.html'], T0).exitCode).toBe(0);
    expect(handleHttp(c, { path: '/', port: 80 }, T0)).toEqual({
      kind: 'response',
      status: 200,
      body: 'hello\n',
    });
  });

  it('nginxAccessLog uses the combined format', () => {
    expect(
      nginxAccessLog(
        { path: '/healthz', port: 80, clientIp: '10.244.1.1', headers: { 'User-Agent': 'kube-probe/1.32' } },
        200,
        2,
        T0,
      ),
    ).toBe(
      '10.244.1.1 - - [01/Jan/2025:00:00:00 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.32" "-"',
    );
  });

  it('hello-app greets with its hostname; postgres without a password exits 1', () => {
    const h = make('gcr.io/google-samples/hello-app:2.0');
    expect(handleHttp(h, { path: '/', port: 8080 }, T0)).toEqual({
      kind: 'response',
      status: 200,
      body: 'Hello, world!\nVersion: 2.0.0\nHostname: pod-a\n',
    });
    const pg = make('postgres');
    expect(stepContainer(pg, T0)).toEqual({ state: 'exited', code: 1, reason: 'Error' });
    expect(formatLog(pg.proc.log)).toContain('superuser password is not specified');
  });

  it('a script can hand PID 1 over to the image program', () => {
    const c = make('nginx', { command: ['sh', '-c', "echo prep; exec nginx -g 'daemon off;'"] });
    expect(stepContainer(c, T0)).toEqual({ state: 'running', wakeAt: null });
    expect(c.program.kind).toBe('server');
    expect(handleHttp(c, { path: '/', port: 80 }, T0).kind).toBe('response');
  });
});

describe('start failures', () => {
  it('an unknown executable is a StartError with runc text', () => {
    const entry = lookupImage('busybox');
    if (!entry) throw new Error('busybox');
    const r = createContainer({ image: entry, command: ['nosuchcmd'], env: {}, hostname: 'h' }, T0);
    expect(r).toEqual({
      ok: false,
      reason: 'StartError',
      exitCode: 128,
      message:
        'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown',
    });
  });

  it('busybox with its default sh exits 0 at once (no stdin)', () => {
    expect(stepContainer(make('busybox'), T0)).toEqual({ state: 'exited', code: 0, reason: 'Completed' });
  });

  it('pause sleeps forever', () => {
    expect(stepContainer(make('registry.k8s.io/pause'), T0 + 1e9)).toEqual({
      state: 'running',
      wakeAt: null,
    });
  });
});

describe('drills and memory', () => {
  it('crash exits with its code after N seconds', () => {
    const c = make('kubesim/crash', { args: ['--after=20', '--code=3'] });
    expect(stepContainer(c, T0)).toEqual({ state: 'running', wakeAt: T0 + 20_000 });
    expect(stepContainer(c, T0 + 20_000)).toEqual({ state: 'exited', code: 3, reason: 'Error' });
  });

  it('hang keeps the port open but stops answering', () => {
    const c = make('kubesim/hang', { args: ['--after=10'] });
    expect(probe(c, { kind: 'httpGet', port: 8080, path: '/' }, T0 + 5000, { podIP: IP }).result).toBe(
      'success',
    );
    expect(probe(c, { kind: 'httpGet', port: 8080, path: '/' }, T0 + 15_000, { podIP: IP }).output).toContain(
      'context deadline exceeded',
    );
    expect(probe(c, { kind: 'tcpSocket', port: 8080 }, T0 + 15_000, { podIP: IP }).result).toBe('success');
  });

  it('slow-ready answers 503 on /ready until N seconds', () => {
    const c = make('kubesim/slow-ready', { args: ['--after=40'] });
    const ready = { kind: 'httpGet' as const, port: 8080, path: '/ready' };
    expect(probe(c, ready, T0 + 39_000, { podIP: IP }).output).toBe('HTTP probe failed with statuscode: 503');
    expect(probe(c, ready, T0 + 40_000, { podIP: IP }).result).toBe('success');
  });

  it('memory-leak and stress are OOM-killed at their limit', () => {
    const leak = make('kubesim/memory-leak', { memoryLimitBytes: 102 * 2 ** 20 });
    const s = stepContainer(leak, T0);
    expect(s).toEqual({ state: 'running', wakeAt: T0 + 10_000 });
    expect(memoryUsageBytes(leak, T0 + 5000)).toBe(52 * 2 ** 20);
    expect(stepContainer(leak, T0 + 10_000)).toEqual({ state: 'exited', code: 137, reason: 'OOMKilled' });
    const ok = make('polinux/stress', {
      command: ['stress'],
      args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'],
      memoryLimitBytes: 200 * 2 ** 20,
    });
    expect(stepContainer(ok, T0 + 60_000).state).toBe('running');
    expect(formatLog(ok.proc.log)).toBe('stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n');
    const oom = make('polinux/stress', {
      command: ['stress'],
      args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
      memoryLimitBytes: 100 * 2 ** 20,
    });
    expect(stepContainer(oom, T0 + 1000)).toEqual({ state: 'exited', code: 137, reason: 'OOMKilled' });
  });
});

describe('determinism', () => {
  it('the same inputs give byte-identical state', () => {
    const build = (): string => {
      const c = make('busybox', {
        command: ['sh', '-c', 'i=0; while true; do echo "$i $(date)"; i=$((i+1)); sleep 2; done'],
      });
      for (let t = 0; t <= 60_000; t += 7_000) stepContainer(c, T0 + t);
      return JSON.stringify(c);
    };
    expect(build()).toBe(build());
  });
});
