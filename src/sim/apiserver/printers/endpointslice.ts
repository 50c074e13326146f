import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { translateTimestampSince } from './duration';
import { listWithMoreString } from './format';
import { asKind, col, type Printer, type PrintedRow } from './types';

/** formatDiscoveryPorts: port numbers (or names, or `*` for all ports), at most 3. */
export function formatDiscoveryPorts(ports: EndpointPort[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const port of ports ?? []) {
    if (list.length < max) {
      let portNum = '*';
      if (port.port !== undefined && port.port !== null) portNum = String(port.port);
      else if (port.name !== undefined && port.name !== null) portNum = port.name;
      list.push(portNum);
    } else if (list.length === max) {
      more = true;
    }
    count++;
  }
  return listWithMoreString(list, more, count, max);
}

/** formatDiscoveryEndpoints: addresses across endpoints, at most 3. */
export function formatDiscoveryEndpoints(endpoints: Endpoint[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ep of endpoints ?? []) {
    for (const address of ep.addresses ?? []) {
      if (list.length < max) list.push(address);
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMoreString(list, more, count, max);
}

export function printEndpointSlice(obj: KubeObject, nowMs: number): PrintedRow {
  const es = asKind<EndpointSlice>(obj);
  return {
    cells: [
      es.metadata?.name ?? '',
      es.addressType ?? '',
      formatDiscoveryPorts(es.ports),
      formatDiscoveryEndpoints(es.endpoints),
      translateTimestampSince(es.metadata?.creationTimestamp, nowMs),
    ],
  };
}

export const endpointSlicePrinter: Printer = {
  columns: [
    col('Name', 'string', d.META_NAME, { format: 'name' }),
    col('AddressType', 'string', d.ENDPOINT_SLICE_ADDRESS_TYPE),
    col('Ports', 'string', d.ENDPOINT_SLICE_PORTS),
    col('Endpoints', 'string', d.ENDPOINT_SLICE_ENDPOINTS),
    col('Age', 'string', d.META_CREATION_TIMESTAMP),
  ],
  print: printEndpointSlice,
};
