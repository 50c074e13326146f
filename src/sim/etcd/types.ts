/** A key's value at one revision, with etcd's per-key bookkeeping. */
export interface KeyValue {
  key: string;
  value: string;
  /** Revision of the put that created the key (since its last delete). */
  createRevision: number;
  /** Revision of the last put to the key. */
  modRevision: number;
  /** Puts since the key was created; 1 for a new key. */
  version: number;
}

export interface WatchEvent {
  type: 'PUT' | 'DELETE';
  /** For a DELETE: the key with an empty value at the delete's revision. */
  kv: KeyValue;
  prevKv?: KeyValue;
  revision: number;
}

export type Compare = {
  key: string;
  target: 'mod' | 'create' | 'version';
  result: '=' | '!=' | '<' | '>';
  value: number;
};

export type Op =
  | { type: 'put'; key: string; value: string }
  | { type: 'delete'; key: string }
  | { type: 'get'; key: string };

export interface OpResult {
  type: Op['type'];
  key: string;
  kv?: KeyValue;
  prevKv?: KeyValue;
}

export interface TxnResult {
  succeeded: boolean;
  revision: number;
  results: OpResult[];
}

export class CompactedError extends Error {
  constructor(
    readonly requested: number,
    readonly compactRevision: number,
  ) {
    super(`mvcc: required revision has been compacted`);
  }
}

export class FutureRevisionError extends Error {
  constructor() {
    super('mvcc: required revision is a future revision');
  }
}
