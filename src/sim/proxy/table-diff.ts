import type { Tables } from './iptables/model';
import { saveRule } from './iptables/save';

/** What one sync changed in a node's tables, for the trace summary and the inspector. */
export interface TablesDiff {
  /** Rules (iptables-save form, `-t nat` / `-t filter` prefixed) that appeared. */
  added: string[];
  /** Rules that went away. */
  removed: string[];
  chainsAdded: string[];
  chainsRemoved: string[];
}

export function rulesChanged(d: TablesDiff): number {
  return d.added.length + d.removed.length;
}

function lines(t: Tables): string[] {
  const out: string[] = [];
  for (const table of [t.nat, t.filter])
    for (const r of table.rules) out.push(`-t ${table.name} ${saveRule(r)}`);
  return out;
}

function chains(t: Tables): string[] {
  return [...t.nat.chains.map((c) => `nat ${c}`), ...t.filter.chains.map((c) => `filter ${c}`)];
}

/** A multiset difference: a rule that only moved within its chain is not counted as a change. */
export function diffTables(prev: Tables, next: Tables): TablesDiff {
  const minus = (a: string[], b: string[]): string[] => {
    const count = new Map<string, number>();
    for (const x of b) count.set(x, (count.get(x) ?? 0) + 1);
    const out: string[] = [];
    for (const x of a) {
      const n = count.get(x) ?? 0;
      if (n > 0) count.set(x, n - 1);
      else out.push(x);
    }
    return out;
  };
  const pl = lines(prev);
  const nl = lines(next);
  const pc = chains(prev);
  const nc = chains(next);
  return {
    added: minus(nl, pl),
    removed: minus(pl, nl),
    chainsAdded: minus(nc, pc),
    chainsRemoved: minus(pc, nc),
  };
}
