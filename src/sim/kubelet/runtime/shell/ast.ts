/**
 * The syntax tree of a POSIX sh script. Plain data: a running process keeps pointers into it
 * as frame state, so the tree itself is part of the serialisable process.
 */

export type WordPart =
  | { k: 'lit'; v: string; q: boolean }
  | { k: 'param'; name: string; op?: ParamOp; arg?: Word; q: boolean }
  | { k: 'cmdsub'; script: ListNode; q: boolean }
  | { k: 'arith'; expr: Word; q: boolean };

/** `${x:-y}` and friends; `#` is `${#x}`. */
export type ParamOp = ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?' | '#';

export interface Word {
  parts: WordPart[];
}

export interface Redirect {
  /** File descriptor redirected: 1 for `>`, 2 for `2>`, 0 for `<`. */
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  /** Target file, or for `>&` the fd number as text. */
  target: Word;
}

export interface SimpleNode {
  type: 'simple';
  assigns: { name: string; value: Word }[];
  words: Word[];
  redirs: Redirect[];
}

export interface PipelineNode {
  type: 'pipeline';
  negate: boolean;
  cmds: CommandNode[];
}

export interface AndOrNode {
  type: 'andor';
  first: PipelineNode;
  rest: { op: '&&' | '||'; node: PipelineNode }[];
}

export interface ListNode {
  type: 'list';
  items: AndOrNode[];
}

export interface IfNode {
  type: 'if';
  clauses: { cond: ListNode; body: ListNode }[];
  elseBody?: ListNode;
}

export interface WhileNode {
  type: 'while';
  until: boolean;
  cond: ListNode;
  body: ListNode;
}

export interface ForNode {
  type: 'for';
  name: string;
  /** Undefined means `"$@"`. */
  items?: Word[];
  body: ListNode;
}

export interface CaseNode {
  type: 'case';
  subject: Word;
  arms: { patterns: Word[]; body: ListNode }[];
}

export interface GroupNode {
  type: 'group';
  /** `( … )` runs in a subshell: variable changes and `exit` stay inside. */
  subshell: boolean;
  body: ListNode;
}

export type CompoundNode = IfNode | WhileNode | ForNode | CaseNode | GroupNode;
export type CommandNode = SimpleNode | CompoundNode;
export type Node = CommandNode | PipelineNode | AndOrNode | ListNode;
