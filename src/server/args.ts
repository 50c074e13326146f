export interface ClusterArgs {
  port: number;
  kubeconfig: string;
  nodes: number;
  seed: number;
  speed: number;
}

const USAGE =
  'usage: npm run cluster -- --port 6443 --kubeconfig /tmp/kubesim.yaml [--nodes 3] [--seed 1] [--speed 1]';

function num(flag: string, v: string | undefined, min: number): number {
  const n = Number(v);
  if (v === undefined || v === '' || !Number.isFinite(n) || n < min)
    throw new Error(`invalid value for ${flag}: ${v ?? '(missing)'}\n${USAGE}`);
  return n;
}

/** Parses `--flag value` and `--flag=value`, as kubectl-style tools accept both. */
export function parseArgs(argv: string[]): ClusterArgs {
  const out: ClusterArgs = { port: 6443, kubeconfig: '', nodes: 3, seed: 1, speed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') throw new Error(USAGE);
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (eq > 0 ? a.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--port':
        out.port = Math.trunc(num(flag, value(), 0));
        break;
      case '--kubeconfig': {
        const v = value();
        if (!v) throw new Error(`missing value for --kubeconfig\n${USAGE}`);
        out.kubeconfig = v;
        break;
      }
      case '--nodes':
        out.nodes = Math.trunc(num(flag, value(), 0));
        break;
      case '--seed':
        out.seed = Math.trunc(num(flag, value(), 0));
        break;
      case '--speed':
        out.speed = num(flag, value(), 0);
        break;
      default:
        throw new Error(`unknown flag: ${a}\n${USAGE}`);
    }
  }
  return out;
}
