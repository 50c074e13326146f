import { describe, expect, it } from 'vitest';
import type { RequestResult } from '../../../network/packet-path';
import { initialFileSystem } from '../servers';
import { execInContainer, type ExecTarget } from './exec';
import type { PodNetwork } from './network';

const page = (body: string): RequestResult => ({
  ip: '10.96.0.42',
  port: 80,
  latencyMs: 1,
  hops: [],
  response: { status: 200, body },
});

const net: PodNetwork = {
  request: (url) =>
    url.includes('nope')
      ? { port: 80, latencyMs: 0, hops: [], error: { kind: 'resolve', host: 'nope', message: 'NXDOMAIN' } }
      : page(`hello from ${url}\n`),
  lookup: (name) =>
    name === 'web'
      ? { server: '10.96.0.10', name: 'web.default.svc.cluster.local', addresses: ['10.96.0.42'] }
      : { server: '10.96.0.10', error: 'NXDOMAIN', tried: [] },
};

function target(userland: 'busybox' | 'gnu', programs: string[] = []): ExecTarget {
  return { fs: initialFileSystem(undefined, 'pod', {}, 0), env: {}, hostname: 'pod', userland, programs };
}

describe('network clients under kubectl exec', () => {
  it('BusyBox wget -qO- prints the body; plain wget saves index.html', () => {
    const t = target('busybox');
    const r = execInContainer(t, ['wget', '-qO-', 'http://web'], 0, { net });
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([0, 'hello from http://web\n', '']);
    const saved = execInContainer(t, ['sh', '-c', 'wget http://web/ 2>/dev/null && cat index.html'], 0, {
      net,
    });
    expect(saved.stdout).toBe('hello from http://web/\n');
    expect(execInContainer(t, ['wget', '-qO-', 'nope'], 0, { net }).stderr).toBe(
      "wget: bad address 'nope'\n",
    );
  });

  it('curl is there only where the image ships it, and works inside sh -c', () => {
    expect(execInContainer(target('gnu'), ['curl', 'web'], 0, { net }).exitCode).toBe(126);
    const t = target('gnu', ['curl', 'nginx']);
    expect(execInContainer(t, ['curl', '-s', 'web'], 0, { net }).stdout).toBe('hello from web\n');
    expect(execInContainer(t, ['sh', '-c', 'curl -s web | wc -l'], 0, { net }).stdout.trim()).toBe('1');
  });

  it('nslookup answers from the cluster nameserver', () => {
    const r = execInContainer(target('busybox'), ['nslookup', 'web'], 0, { net });
    expect(r.stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.0.42\n\n',
    );
  });

  it('without a network (a PID 1 script) they say it is not simulated', () => {
    const r = execInContainer(target('busybox'), ['wget', '-qO-', 'http://web'], 0);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/not simulated in KubeSim/);
  });

  it('stdin reaches the command, and a bare shell runs it as its script', () => {
    const t = target('busybox');
    expect(execInContainer(t, ['cat'], 0, { stdin: 'a\nb\n' }).stdout).toBe('a\nb\n');
    const r = execInContainer(t, ['sh'], 0, { stdin: 'echo one\nexit 4\n' });
    expect([r.stdout, r.exitCode]).toEqual(['one\n', 4]);
  });
});
