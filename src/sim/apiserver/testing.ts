import type { Cluster } from '../cluster';
import type { HttpResponse } from './http';

/** A REST call against a cluster as a test client would make it (admin token unless told otherwise). */
export function rest(
  cluster: Cluster,
  method: string,
  pathAndQuery: string,
  body?: unknown,
  headers: Record<string, string> = {},
): HttpResponse & { json: () => Record<string, unknown> } {
  const [path, query] = pathAndQuery.split('?');
  const res = cluster.handle({
    method,
    path,
    query: new URLSearchParams(query ?? ''),
    headers: {
      authorization: `Bearer ${cluster.adminToken}`,
      'content-type': 'application/json',
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { ...res, json: () => JSON.parse(res.body) as Record<string, unknown> };
}
