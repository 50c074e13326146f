import { ObjectMeta } from './meta';
import { ALWAYS, msg, PTR, REPEATED } from './schema';

/** authentication.k8s.io/v1 TokenRequest, as `kubectl create token` sends it, and SelfSubjectReview. */

export const BoundObjectReference = msg('BoundObjectReference', [
  [1, 'kind', 'string'],
  [2, 'apiVersion', 'string'],
  [3, 'name', 'string'],
  [4, 'uid', 'string'],
]);

export const TokenRequestSpec = msg('TokenRequestSpec', [
  [1, 'audiences', 'string', REPEATED | ALWAYS],
  [4, 'expirationSeconds', 'int64', PTR],
  [3, 'boundObjectRef', () => BoundObjectReference, PTR],
]);

export const TokenRequestStatus = msg('TokenRequestStatus', [
  [1, 'token', 'string', ALWAYS],
  [2, 'expirationTimestamp', 'time', ALWAYS],
]);

export const TokenRequest = msg('TokenRequest', [
  [1, 'metadata', () => ObjectMeta],
  [2, 'spec', () => TokenRequestSpec],
  [3, 'status', () => TokenRequestStatus],
]);

/** `kubectl auth whoami`: the server fills in the user; the client sends an empty one. */
export const UserInfo = msg('UserInfo', [
  [1, 'username', 'string'],
  [2, 'uid', 'string'],
  [3, 'groups', 'string', REPEATED],
]);

export const SelfSubjectReviewStatus = msg('SelfSubjectReviewStatus', [[1, 'userInfo', () => UserInfo]]);

export const SelfSubjectReview = msg('SelfSubjectReview', [
  [1, 'metadata', () => ObjectMeta],
  [2, 'status', () => SelfSubjectReviewStatus],
]);
