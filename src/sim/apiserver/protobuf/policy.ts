import { DeleteOptions, ObjectMeta } from './meta';
import { msg, PTR } from './schema';

/**
 * policy/v1 Eviction. `kubectl drain` sends it as JSON today, but client-go's typed eviction
 * client may send protobuf.
 */

export const Eviction = msg('Eviction', [
  [1, 'metadata', () => ObjectMeta],
  [2, 'deleteOptions', () => DeleteOptions, PTR],
]);
