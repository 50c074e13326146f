import type { FaultEntry } from './fault-store';

/** What the learner did to a node, from the fault log (the API does not show power or links). */
export function nodeFlags(entries: readonly FaultEntry[], node: string) {
  let off = false;
  let kubeletStopped = false;
  let cut = false;
  for (const e of entries) {
    if (e.target !== node || !e.ok) continue;
    if (e.kind === 'power-off') off = true;
    if (e.kind === 'power-on') {
      off = false;
      kubeletStopped = false;
    }
    if (e.kind === 'kubelet-stop') kubeletStopped = true;
    if (e.kind === 'kubelet-start') kubeletStopped = false;
    if (e.kind === 'network-cut') cut = true;
    if (e.kind === 'network-restore') cut = false;
  }
  return { off, kubeletStopped, cut };
}

export function unitStopped(entries: readonly FaultEntry[], unit: string): boolean {
  let stopped = false;
  for (const e of entries) {
    if (!e.ok) continue;
    if (e.kind === `${unit}-stop`) stopped = true;
    if (e.kind === `${unit}-start`) stopped = false;
  }
  return stopped;
}
