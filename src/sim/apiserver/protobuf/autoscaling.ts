import { ObjectMeta } from './meta';
import { ALWAYS, msg } from './schema';

/** autoscaling/v1 Scale, for a client that PUTs the scale subresource (`kubectl scale` PATCHes JSON). */

export const ScaleSpec = msg('ScaleSpec', [[1, 'replicas', 'int32']]);
export const ScaleStatus = msg('ScaleStatus', [
  [1, 'replicas', 'int32', ALWAYS],
  [2, 'selector', 'string'],
]);
export const Scale = msg('Scale', [
  [1, 'metadata', () => ObjectMeta],
  [2, 'spec', () => ScaleSpec],
  [3, 'status', () => ScaleStatus],
]);
