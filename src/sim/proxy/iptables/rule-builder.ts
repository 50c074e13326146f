import type { AddressMatch, CtState, Match, Protocol, Rule, TableName, Target } from './model';

/**
 * Writes one rule the way proxier.go writes it: arguments appended in kube-proxy's order. Each
 * call appends both the text tokens and the structured part, so `text` and the model can't drift.
 */
export class RuleBuilder {
  private readonly tokens: string[];
  private readonly rule: Rule;

  constructor(table: TableName, chain: string) {
    this.tokens = ['-A', chain];
    this.rule = { table, chain, matches: [], text: '' };
  }

  /**
   * `-m comment --comment …`. kube-proxy quotes comments with spaces itself (`"%s cluster IP"`)
   * and leaves bare names (`ns1/svc1:p80`) unquoted; `quoted` says which it did.
   */
  comment(comment: string, quoted: boolean): this {
    this.tokens.push('-m', 'comment', '--comment', quoted ? `"${comment}"` : comment);
    this.rule.matches.push({ kind: 'comment', comment });
    return this;
  }

  /** `-m tcp -p tcp`: the protocol match and the IP-header protocol at once. */
  proto(protocol: Protocol): this {
    this.tokens.push('-m', protocol, '-p', protocol);
    this.rule.protocol = protocol;
    this.rule.matches.push({ kind: 'proto', protocol });
    return this;
  }

  /** `--dport N`, an option of the preceding `-m tcp`. */
  dport(port: number): this {
    this.tokens.push('--dport', String(port));
    const m = this.rule.matches.find((x): x is Extract<Match, { kind: 'proto' }> => x.kind === 'proto');
    if (m) m.dport = port;
    return this;
  }

  src(cidr: string, negate = false): this {
    this.tokens.push(...(negate ? ['!', '-s', cidr] : ['-s', cidr]));
    this.rule.source = { cidr, negate } satisfies AddressMatch;
    return this;
  }

  dst(cidr: string, negate = false): this {
    this.tokens.push(...(negate ? ['!', '-d', cidr] : ['-d', cidr]));
    this.rule.destination = { cidr, negate };
    return this;
  }

  addrtype(side: 'src' | 'dst'): this {
    this.tokens.push('-m', 'addrtype', side === 'src' ? '--src-type' : '--dst-type', 'LOCAL');
    this.rule.matches.push(
      side === 'src' ? { kind: 'addrtype', srcType: 'LOCAL' } : { kind: 'addrtype', dstType: 'LOCAL' },
    );
    return this;
  }

  ctstate(states: CtState[], negate = false): this {
    this.tokens.push('-m', 'conntrack', ...(negate ? ['!'] : []), '--ctstate', states.join(','));
    this.rule.matches.push({ kind: 'conntrack', states, negate });
    return this;
  }

  /** `-m mark [!] --mark V/M`; `text` is the mark as kube-proxy formats it. */
  mark(value: number, text: string, negate = false): this {
    this.tokens.push('-m', 'mark', ...(negate ? ['!'] : []), '--mark', `${text}/${text}`);
    this.rule.matches.push({ kind: 'mark', value, mask: value, negate });
    return this;
  }

  statistic(probability: string): this {
    this.tokens.push('-m', 'statistic', '--mode', 'random', '--probability', probability);
    this.rule.matches.push({ kind: 'statistic', probability });
    return this;
  }

  recentSet(name: string): this {
    this.tokens.push('-m', 'recent', '--name', name, '--set');
    this.rule.matches.push({ kind: 'recent', name, action: 'set' });
    return this;
  }

  recentCheck(name: string, seconds: number): this {
    this.tokens.push('-m', 'recent', '--name', name, '--rcheck', '--seconds', String(seconds), '--reap');
    this.rule.matches.push({ kind: 'recent', name, action: 'rcheck', seconds, reap: true });
    return this;
  }

  nfacct(name: string): this {
    this.tokens.push('-m', 'nfacct', '--nfacct-name', name);
    this.rule.matches.push({ kind: 'nfacct', name });
    return this;
  }

  jump(chain: string): Rule {
    return this.finish(['-j', chain], { kind: 'jump', chain });
  }

  dnat(toDestination: string): Rule {
    return this.finish(['-j', 'DNAT', '--to-destination', toDestination], { kind: 'DNAT', toDestination });
  }

  markTarget(op: 'or' | 'xor', value: number, text: string): Rule {
    return this.finish(['-j', 'MARK', op === 'or' ? '--or-mark' : '--xor-mark', text], {
      kind: 'MARK',
      op,
      value,
    });
  }

  masquerade(randomFully: boolean): Rule {
    return this.finish(['-j', 'MASQUERADE', ...(randomFully ? ['--random-fully'] : [])], {
      kind: 'MASQUERADE',
      randomFully,
    });
  }

  verdict(kind: 'REJECT' | 'DROP' | 'ACCEPT' | 'RETURN'): Rule {
    return this.finish(['-j', kind], { kind });
  }

  /** A rule without `-j`: it only counts packets. */
  noTarget(): Rule {
    return this.finish([], undefined);
  }

  private finish(tokens: string[], target: Target | undefined): Rule {
    this.tokens.push(...tokens);
    if (target) this.rule.target = target;
    this.rule.text = this.tokens.join(' ');
    return this.rule;
  }
}

export function rule(table: TableName, chain: string): RuleBuilder {
  return new RuleBuilder(table, chain);
}
