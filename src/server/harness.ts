import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot, type Cluster } from './boot';

/** The real kubectl these machines have (v1.32 behind gcloud's version dispatcher). */
export const KUBECTL = process.env.KUBESIM_KUBECTL ?? '/usr/bin/kubectl';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface TestCluster {
  port: number;
  url: string;
  kubeconfigPath: string;
  adminToken: string;
  /** The in-process cluster, for checks that go around HTTP (etcd contents, the trace). */
  cluster: Cluster;
  /** Runs the real kubectl against this cluster; `--kubeconfig` in args overrides the default. */
  kubectl(
    args: string[],
    stdin?: string,
    opts?: { timeoutMs?: number; env?: Record<string, string> },
  ): Promise<KubectlResult>;
  stop(): Promise<void>;
}

export interface StartOptions {
  nodes?: number;
  seed?: number;
  /** Virtual seconds per wall second; 0 = the clock moves only through `/simulator/v1/clock`. */
  speed?: number;
}

/**
 * Starts a cluster in this process on a free port, with its own kubeconfig and its own HOME (so
 * kubectl's discovery cache, kept per host:port under ~/.kube/cache, never leaks between tests).
 */
export async function startCluster(opts: StartOptions = {}): Promise<TestCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'kubesim-'));
  const kubeconfigPath = join(dir, 'kubeconfig.yaml');
  const running = await boot({
    port: 0,
    kubeconfigPath,
    nodes: opts.nodes ?? 3,
    seed: opts.seed ?? 1,
    speed: opts.speed ?? 1,
  });
  const baseEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    KUBECONFIG: kubeconfigPath,
    LANG: 'C.UTF-8',
  };
  return {
    port: running.port,
    url: running.url,
    kubeconfigPath,
    adminToken: running.adminToken,
    cluster: running.cluster,
    kubectl: (args, stdin, o = {}) =>
      runKubectl(args, stdin, { ...baseEnv, ...o.env }, o.timeoutMs ?? 60_000),
    async stop() {
      await running.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function runKubectl(
  args: string[],
  stdin: string | undefined,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(KUBECTL, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        stdout,
        stderr: signal ? `${stderr}(killed by ${signal} after ${timeoutMs} ms)\n` : stderr,
        code: code ?? -1,
      });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(stdin ?? '');
  });
}
