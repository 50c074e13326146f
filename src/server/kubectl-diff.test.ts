import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitLine } from '../sim/kubectl/args';
import { runKubectlStream } from '../sim/kubectl';
import { startCluster, type TestCluster } from './harness';
import { filesFor, httpTransport, readKubeconfig } from './kubectl-cli';
import { DIFF_FILES, DIFF_SCRIPT, type DiffStep } from './kubectl-diff.script';
import { maskAges } from './kubectl-mask';

/**
 * The differential test of issue 5: two clusters with the same seed and a paused clock, the real
 * kubectl 1.32 driving one and KubeSim's TypeScript kubectl the other, over the same scripted
 * history. After every command both must have printed the same stdout and stderr and exited the
 * same way, with only AGE-like durations masked. A mismatch list prints when any line differs.
 */

/** A command that waits for something a paused clock never brings gives up after this. */
const STEP_TIMEOUT_MS = 15_000;

interface Outcome {
  stdout: string;
  stderr: string;
  code: number;
}

let real: TestCluster;
let ours: TestCluster;
let dir: string;

beforeAll(async () => {
  [real, ours] = await Promise.all([
    startCluster({ nodes: 3, seed: 7, speed: 0 }),
    startCluster({ nodes: 3, seed: 7, speed: 0 }),
  ]);
  dir = mkdtempSync(join(tmpdir(), 'kubesim-diff-'));
  for (const [name, text] of Object.entries(DIFF_FILES)) writeFileSync(join(dir, name), text);
}, 60_000);

afterAll(async () => {
  await Promise.all([real?.stop(), ours?.stop()]);
});

function advance(c: TestCluster, ms: number): void {
  c.cluster.engine.advance(ms);
}

async function runOurs(args: string[], stdin: string | undefined): Promise<Outcome> {
  const target = readKubeconfig(ours.kubeconfigPath);
  const r = await runKubectlStream(args, {
    transport: httpTransport(target),
    stdin: stdin ?? '',
    files: filesFor(args),
    kubeconfig: target.info,
    signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
  });
  return { stdout: r.stdout, stderr: r.stderr, code: r.exitCode };
}

function parseDuration(s: string): number {
  const m = /^(\d+)(ms|s|m|h)$/.exec(s);
  if (!m) throw new Error(`bad duration ${s}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

describe('kubectl differential: the real kubectl 1.32 vs KubeSim kubectl', () => {
  it('prints the same for every scripted command line', async () => {
    const mismatches: string[] = [];
    let compared = 0;
    {
      for (const step of DIFF_SCRIPT as DiffStep[]) {
        if (step.ssh)
          for (const c of [real, ours])
            c.cluster.handle({
              method: 'POST',
              path: '/simulator/v1/exec',
              query: new URLSearchParams(),
              headers: { authorization: `Bearer ${c.adminToken}`, 'content-type': 'application/json' },
              body: JSON.stringify(step.ssh),
            });
        if (step.advance) {
          const ms = parseDuration(step.advance);
          advance(real, ms);
          advance(ours, ms);
        }
        if (!step.cmd) continue;
        const args = splitLine(step.cmd.replaceAll('$DIR', dir));
        const [a, b] = [
          await real.kubectl(args, step.stdin, { timeoutMs: STEP_TIMEOUT_MS }),
          await runOurs(args, step.stdin),
        ];
        if (step.setupOnly) continue;
        compared++;
        // Each cluster listens on its own port; the address is the one thing that must differ.
        const clean = (t: string) =>
          maskAges(t.replaceAll(dir, '.').replaceAll(real.url, '<server>').replaceAll(ours.url, '<server>'));
        const want = { stdout: clean(a.stdout), stderr: clean(a.stderr), code: a.code };
        const got = { stdout: clean(b.stdout), stderr: clean(b.stderr), code: b.code };
        if (JSON.stringify(want) !== JSON.stringify(got))
          mismatches.push(
            `$ kubectl ${step.cmd.replaceAll('$DIR', '.')}\n--- real (exit ${want.code})\n${want.stdout}${want.stderr ? `[stderr]\n${want.stderr}` : ''}--- ours (exit ${got.code})\n${got.stdout}${got.stderr ? `[stderr]\n${got.stderr}` : ''}`,
          );
      }
    }
    if (mismatches.length)
      console.log(`${mismatches.length} of ${compared} lines differ:\n\n${mismatches.join('\n')}`);
    expect(mismatches.length, `${mismatches.length} of ${compared} command lines differ`).toBe(0);
    expect(compared).toBeGreaterThanOrEqual(60);
  }, 300_000);
});
