/** `iptables-save` text read back into tables, chains and rules, for the kube-proxy inspector. */

export interface SavedRule {
  /** Position in its chain, from 0 (as the packet walk reports matches). */
  index: number;
  /** The rule without its `-A <chain>` prefix. */
  text: string;
  jump?: string;
  comment?: string;
  probability?: number;
  dnat?: string;
}

export interface SavedChain {
  name: string;
  policy?: string;
  rules: SavedRule[];
  /** A readable name: the Service (and endpoint) a KUBE-SVC-/KUBE-SEP- chain is for. */
  label?: string;
}

export interface SavedTable {
  name: string;
  chains: SavedChain[];
}

function parseRule(text: string, index: number): SavedRule {
  const rule: SavedRule = { index, text };
  const jump = /(?:^|\s)-j (\S+)/.exec(text);
  if (jump) rule.jump = jump[1];
  const comment = /--comment (?:"((?:[^"\\]|\\.)*)"|(\S+))/.exec(text);
  if (comment) rule.comment = comment[1] ?? comment[2];
  const prob = /--probability (\S+)/.exec(text);
  if (prob) rule.probability = Number(prob[1]);
  const dnat = /--to-destination (\S+)/.exec(text);
  if (dnat) rule.dnat = dnat[1];
  return rule;
}

export function parseIptablesSave(text: string): SavedTable[] {
  const tables: SavedTable[] = [];
  let table: SavedTable | undefined;
  let chains = new Map<string, SavedChain>();
  for (const line of text.split('\n')) {
    if (line.startsWith('*')) {
      table = { name: line.slice(1), chains: [] };
      chains = new Map();
      tables.push(table);
    } else if (line.startsWith(':') && table) {
      const [name, policy] = line.slice(1).split(' ');
      const c: SavedChain = { name, policy: policy === '-' ? undefined : policy, rules: [] };
      chains.set(name, c);
      table.chains.push(c);
    } else if (line.startsWith('-A ') && table) {
      const rest = line.slice(3);
      const sp = rest.indexOf(' ');
      const name = sp < 0 ? rest : rest.slice(0, sp);
      const c = chains.get(name);
      if (c) c.rules.push(parseRule(sp < 0 ? '' : rest.slice(sp + 1), c.rules.length));
    }
  }
  for (const t of tables)
    for (const c of t.chains) {
      if (!c.name.startsWith('KUBE-') || c.name === 'KUBE-SERVICES') continue;
      const comment = c.rules.find((r) => r.comment)?.comment;
      if (!comment) continue;
      const svc = comment.replace(/ cluster IP$/, '').replace(/ -> .*$/, '');
      const dnat = c.rules.find((r) => r.dnat)?.dnat;
      c.label = dnat ? `${svc} → ${dnat}` : svc;
    }
  return tables;
}
