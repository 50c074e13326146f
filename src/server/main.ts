import { parseArgs, type ClusterArgs } from './args';
import { boot } from './boot';

let args: ClusterArgs;
try {
  args = parseArgs(process.argv.slice(2));
  if (!args.kubeconfig) throw new Error('missing --kubeconfig');
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}

const running = await boot({
  port: args.port,
  kubeconfigPath: args.kubeconfig,
  nodes: args.nodes,
  seed: args.seed,
  speed: args.speed,
  onError: (err) => console.error('clock tick failed:', err),
}).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

// The plain-HTTP address (curl, tools); the kubeconfig points kubectl at https on the same port.
console.log(`cluster ready at ${running.plainUrl}`);

// A failure inside the cluster must not take the API down with it; log and keep serving.
process.on('uncaughtException', (err) => console.error('uncaught:', err));
process.on('unhandledRejection', (err) => console.error('unhandled rejection:', err));

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    void running.stop().then(() => process.exit(0));
  });
}
