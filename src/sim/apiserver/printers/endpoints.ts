import type { Endpoints } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { translateTimestampSince } from './duration';
import { joinHostPort } from './format';
import { col, type Printer, type PrintedRow } from './types';

/** formatEndpoints: up to 3 `ip:port` pairs, then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      // Headless services may have no ports: list the bare IPs.
      count += addresses.length;
      for (const addr of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(addr.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const addr of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(addr.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export function printEndpoints(obj: KubeObject, nowMs: number): PrintedRow {
  const ep = obj as Endpoints;
  return {
    cells: [
      ep.metadata?.name ?? '',
      formatEndpoints(ep),
      translateTimestampSince(ep.metadata?.creationTimestamp, nowMs),
    ],
  };
}

export const endpointsPrinter: Printer = {
  columns: [
    col('Name', 'string', d.META_NAME, { format: 'name' }),
    col('Endpoints', 'string', d.ENDPOINTS_SUBSETS),
    col('Age', 'string', d.META_CREATION_TIMESTAMP),
  ],
  print: printEndpoints,
};
