/// <reference lib="webworker" />
/**
 * The Web Worker entry: one cluster per worker, driven by {@link ClusterHost}. Uncaught errors are
 * reported to the UI as fatal `error` messages, so the page can offer a restart instead of going blank.
 */
import { createCluster } from '../sim/cluster';
import { ClusterHost } from './host';
import type { UiToWorker, WorkerToUi } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

function post(msg: WorkerToUi): void {
  self.postMessage(msg);
}

function token(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const host = new ClusterHost({
  post,
  createCluster,
  now: () => performance.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  token,
});

self.addEventListener('message', (e: MessageEvent<UiToWorker>) => host.receive(e.data));
self.addEventListener('error', (e: ErrorEvent) => {
  post({
    type: 'error',
    fatal: true,
    message: e.message,
    stack: e.error instanceof Error ? e.error.stack : undefined,
  });
});
self.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
  const reason: unknown = e.reason;
  post({
    type: 'error',
    fatal: false,
    message: reason instanceof Error ? reason.message : String(reason),
    stack: reason instanceof Error ? reason.stack : undefined,
  });
});

host.start();
