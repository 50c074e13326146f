import type { HttpOutcome, HttpRequest } from '../kubelet/runtime/servers';

/**
 * What the packet path needs from the machines: whether a node has power, and what answers on a
 * pod IP there. The kubelets' container runtimes provide it (`ContainerRuntime.isPowered` and
 * `.http`); the network never reads pod state from anywhere else.
 */
export interface NodeDataplane {
  isPowered(node: string): boolean;
  /** Whether the node's network link is up (a cut link drops packets to and from other nodes). */
  linkUp?(node: string): boolean;
  /** A TCP connection reaching `podIP` on `node`'s pod bridge, carrying one HTTP request. */
  http(node: string, podIP: string, req: HttpRequest): HttpOutcome;
}

/** Before any kubelet is attached: machines are up, but no sandbox answers (SYNs go unanswered). */
export const NO_RUNTIME: NodeDataplane = {
  isPowered: () => true,
  http: () => ({ kind: 'timeout' }),
};
