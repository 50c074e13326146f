import { describe, expect, it } from 'vitest';
import { curl } from './curl';
import type { RequestResult } from './packet-path';

const ok: RequestResult = {
  ip: '10.96.0.20',
  port: 80,
  latencyMs: 1.2,
  hops: [],
  response: { status: 200, body: 'hi\n' },
};

describe('curl output', () => {
  it('prints the body, or headers with -I / -i, and -w codes', () => {
    expect(curl(['http://x'], () => ok)).toEqual({ stdout: 'hi\n', stderr: '', exitCode: 0 });
    expect(curl(['-I', 'http://x'], () => ok).stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(curl(['-s', '-o', '/dev/null', '-w', '%{http_code}\\n', 'http://x'], () => ok).stdout).toBe(
      '200\n',
    );
  });

  it('uses curl 8 error texts and exit codes', () => {
    const refused: RequestResult = {
      ...ok,
      response: undefined,
      latencyMs: 0.4,
      error: { kind: 'refused', ip: '10.96.0.20', port: 80 },
    };
    expect(curl(['http://x'], () => refused)).toEqual({
      stdout: '',
      stderr: "curl: (7) Failed to connect to 10.96.0.20 port 80 after 0 ms: Couldn't connect to server\n",
      exitCode: 7,
    });
    const timeout: RequestResult = {
      ...refused,
      latencyMs: 130_000.4,
      error: { kind: 'timeout', ip: '10.96.0.20', port: 80 },
    };
    expect(curl(['http://x'], () => timeout).stderr).toBe(
      "curl: (28) Failed to connect to 10.96.0.20 port 80 after 130000 ms: Couldn't connect to server\n",
    );
    expect(curl(['-m', '3', 'http://x'], () => ({ ...timeout, latencyMs: 3000 })).stderr).toBe(
      'curl: (28) Connection timed out after 3000 milliseconds\n',
    );
    const unresolved: RequestResult = {
      port: 80,
      latencyMs: 0,
      hops: [],
      error: { kind: 'resolve', host: 'web', message: '' },
    };
    expect(curl(['http://web'], () => unresolved).exitCode).toBe(6);
    expect(curl(['-s', 'http://web'], () => unresolved).stderr).toBe('');
    expect(curl(['-f', 'http://x'], () => ({ ...ok, response: { status: 404, body: '' } })).exitCode).toBe(
      22,
    );
  });
});
