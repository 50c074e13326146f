import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, encodeClose, encodeFrame, negotiate, PROTOCOL_V4, PROTOCOL_V5 } from './exec-channel';
import type { ExecOutcome, ExecSession } from '../sim/apiserver/exec';
import { TerminalSession } from './exec-tty';
import { startCluster, type TestCluster } from './harness';

describe('remote-command channel framing', () => {
  it('prefixes each message with its stream id', () => {
    expect([...encodeFrame(1, 'hi')]).toEqual([1, 104, 105]);
    expect([...encodeFrame(3, new Uint8Array([123, 125]))]).toEqual([3, 123, 125]);
    expect([...encodeFrame(2, '')]).toEqual([2]);
  });

  it('decodes data frames and the v5 close signal', () => {
    expect(decodeFrame(Uint8Array.of(0, 97, 10), PROTOCOL_V5)).toEqual({
      kind: 'data',
      stream: 0,
      data: Uint8Array.of(97, 10),
    });
    expect(decodeFrame(encodeClose(0), PROTOCOL_V5)).toEqual({ kind: 'close', stream: 0 });
    expect(decodeFrame(encodeClose(0), PROTOCOL_V4).kind).toBe('invalid');
    expect(decodeFrame(new Uint8Array(), PROTOCOL_V5).kind).toBe('invalid');
    expect(decodeFrame(Uint8Array.of(255, 0, 1), PROTOCOL_V5).kind).toBe('invalid');
  });

  it('negotiates v5 first, then v4, and nothing else', () => {
    expect(negotiate([' v4.channel.k8s.io', 'v5.channel.k8s.io'])).toBe(PROTOCOL_V5);
    expect(negotiate(['v4.channel.k8s.io'])).toBe(PROTOCOL_V4);
    expect(negotiate(['channel.k8s.io', 'base64.channel.k8s.io'])).toBeUndefined();
  });
});

describe('the line-based terminal of exec -it', () => {
  it('echoes keys, runs each line in the session directory, and exits with exit N', () => {
    const ran: string[][] = [];
    const session: ExecSession = {
      kind: 'exec',
      options: { command: ['sh'], container: 'c', stdin: true, stdout: true, stderr: false, tty: true },
      run: () => ({ stdout: '', stderr: '', exitCode: 0 }),
      exec: (argv) => {
        ran.push(argv);
        const cd = /^cd '([^']*)' 2>\/dev\/null; (?:cd (\S+))?/.exec(argv[2] ?? '');
        return { stdout: `out\n__kubesim_cwd__${cd?.[2] ?? cd?.[1] ?? '/'}\n`, stderr: '', exitCode: 0 };
      },
      subscribe: () => {},
      close: () => {},
    };
    let screen = '';
    let done: ExecOutcome | undefined;
    const t = new TerminalSession(
      session,
      (s) => (screen += s),
      (o) => (done = o),
    );
    t.start();
    t.input('cd /tmp\rx\x7fls\rexit 7\r');
    expect(screen).toBe('/ # cd /tmp\r\nout\r\n/tmp # x\b \bls\r\nout\r\n/tmp # exit 7\r\n');
    expect(ran[1][2]).toMatch(/^cd '\/tmp' 2>\/dev\/null; ls\n/);
    expect(done?.exitCode).toBe(7);
  });
});

/** The real kubectl 1.32: `exec` upgrades to a WebSocket speaking v5.channel.k8s.io. */
describe('kubectl exec against KubeSim', () => {
  let c: TestCluster;
  let nginxPod = '';

  const ok = async (args: string[], stdin?: string): Promise<string> => {
    const r = await c.kubectl(args, stdin);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };

  beforeAll(async () => {
    c = await startCluster({ nodes: 2, seed: 7, speed: 0 });
    await ok(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
    await ok(['expose', 'deployment', 'web', '--port=80']);
    await ok(['run', 'client', '--image=busybox:1.36', '--', 'sleep', '3600']);
    await ok(['run', 'broken', '--image=nginx:no-such-tag']);
    await ok(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'nowhere' },
        spec: { nodeSelector: { disk: 'none' }, containers: [{ name: 'app', image: 'nginx:1.27' }] },
      }),
    );
    await ok(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'two' },
        spec: {
          containers: [
            { name: 'web', image: 'nginx:1.27' },
            { name: 'side', image: 'busybox:1.36', command: ['sleep', '3600'] },
          ],
        },
      }),
    );
    c.cluster.engine.advance(60_000);
    const pods = await ok(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}']);
    nginxPod = pods.trim();
  });

  afterAll(async () => {
    await c?.stop();
  });

  it('runs a command and prints its stdout', async () => {
    expect(await c.kubectl(['exec', nginxPod, '--', 'cat', '/etc/hostname'])).toEqual({
      stdout: `${nginxPod}\n`,
      stderr: '',
      code: 0,
    });
    expect((await c.kubectl(['exec', nginxPod, '--', 'hostname'])).stdout).toBe(`${nginxPod}\n`);
  });

  it('keeps stderr apart and propagates the exit code', async () => {
    expect(await c.kubectl(['exec', nginxPod, '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'])).toEqual({
      stdout: 'out\n',
      stderr: 'err\ncommand terminated with exit code 3\n',
      code: 3,
    });
  });

  it('reports a missing executable as the runtime does', async () => {
    const r = await c.kubectl(['exec', nginxPod, '--', 'nosuchcmd']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuchcmd": executable file not found in \$PATH: unknown\n$/,
    );
  });

  it('chooses the container with -c, and refuses an unknown one', async () => {
    expect((await c.kubectl(['exec', 'two', '-c', 'side', '--', 'cat', '/etc/hostname'])).stdout).toBe(
      'two\n',
    );
    expect(await c.kubectl(['exec', 'two', '-c', 'nope', '--', 'true'])).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): container nope is not valid for pod two\n',
      code: 1,
    });
  });

  it('refuses a pod with no node, and a container that is not running', async () => {
    expect(await c.kubectl(['exec', 'nowhere', '--', 'true'])).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): pod nowhere does not have a host assigned\n',
      code: 1,
    });
    expect(await c.kubectl(['exec', 'broken', '--', 'true'])).toEqual({
      stdout: '',
      stderr: 'error: unable to upgrade connection: container not found ("broken")\n',
      code: 1,
    });
  });

  it('pipes stdin with -i', async () => {
    expect(await c.kubectl(['exec', '-i', 'client', '--', 'cat'], 'hi\nthere\n')).toEqual({
      stdout: 'hi\nthere\n',
      stderr: '',
      code: 0,
    });
    expect((await c.kubectl(['exec', '-i', 'client', '--', 'sh'], 'echo from-stdin; exit 4\n')).code).toBe(4);
  });

  it('fetches a Service through the pod node’s rules with wget and curl', async () => {
    const r = await c.kubectl(['exec', 'client', '--', 'wget', '-qO-', 'http://web']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<title>Welcome to nginx!</title>');
    const pods = (await ok(['get', 'pods', '-l', 'app=web', '-o', 'name'])).trim().split('\n');
    expect(pods.some((p) => r.stdout.includes(p.replace('pod/', '')))).toBe(true);
    const viaCurl = await c.kubectl([
      'exec',
      nginxPod,
      '--',
      'curl',
      '-s',
      'http://web.default.svc.cluster.local',
    ]);
    expect(viaCurl.code).toBe(0);
    expect(viaCurl.stdout).toContain('Welcome to nginx!');
    const trace = c.cluster.engine.trace.since(0);
    expect(trace.some((t) => t.kind === 'packet')).toBe(true);
    expect(trace.some((t) => t.kind === 'cri' && t.summary.startsWith('Exec client: wget'))).toBe(true);
  });

  it('resolves names with nslookup and fails wget on unknown ones', async () => {
    const r = await c.kubectl(['exec', 'client', '--', 'nslookup', 'web']);
    expect(r.stdout).toMatch(
      /^Server:\t\t10\.96\.0\.10\nAddress:\t10\.96\.0\.10:53\n\nName:\tweb\.default\.svc\.cluster\.local\nAddress: 10\.\d+\.\d+\.\d+\n\n$/,
    );
    expect(await c.kubectl(['exec', 'client', '--', 'wget', '-qO-', 'http://nope'])).toEqual({
      stdout: '',
      stderr: "wget: bad address 'nope'\ncommand terminated with exit code 1\n",
      code: 1,
    });
  });
});
