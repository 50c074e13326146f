import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { FieldPath, invalid, notSupported, required, tooMany, type FieldError } from '../field-errors';
import { isValidPortNum, parseIP } from './formats';
import { PORT_PROTOCOLS } from './container';
import {
  nameIsDNSSubdomain,
  validateDNS1123Label,
  validateLabelName,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './metadata';
import { validateNonSpecialIP } from './endpoints';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

/** pkg/apis/discovery/validation (v1.32), the parts the endpointslice controller exercises. */
export function validateEndpointSlice(es: EndpointSlice): FieldError[] {
  const errs = validateObjectMeta(es.metadata, true, nameIsDNSSubdomain);
  const at = es.addressType ?? '';
  if (!at) errs.push(required(FieldPath.root('addressType')));
  else if (!ADDRESS_TYPES.includes(at))
    errs.push(notSupported(FieldPath.root('addressType'), at, ['IPv4', 'IPv6', 'FQDN']));
  const eps = es.endpoints ?? [];
  if (eps.length > 1000) errs.push(tooMany(FieldPath.root('endpoints'), eps.length, 1000));
  eps.forEach((ep, i) => {
    const p = FieldPath.root('endpoints').index(i);
    const addrs = ep.addresses ?? [];
    if (addrs.length === 0) errs.push(required(p.child('addresses'), 'must contain at least 1 address'));
    else if (addrs.length > 100) errs.push(tooMany(p.child('addresses'), addrs.length, 100));
    addrs.forEach((a, j) => {
      const ap = p.child('addresses').index(j);
      if (at === 'IPv4' || at === 'IPv6') {
        const ip = parseIP(a);
        if (!ip) errs.push(invalid(ap, a, `must be a valid ${at} address`));
        else if ((at === 'IPv4') !== (ip.family === 4)) errs.push(invalid(ap, a, `must be an ${at} address`));
        else errs.push(...validateNonSpecialIP(a, ap));
      }
    });
    if (ep.nodeName)
      for (const m of nameIsDNSSubdomain(ep.nodeName, false))
        errs.push(invalid(p.child('nodeName'), ep.nodeName, m));
    if (ep.hostname) errs.push(...validateDNS1123Label(ep.hostname, p.child('hostname')));
  });
  const ports = es.ports ?? [];
  if (ports.length > 20000) errs.push(tooMany(FieldPath.root('ports'), ports.length, 20000));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = FieldPath.root('ports').index(i);
    const name = port.name ?? '';
    if (name) errs.push(...validateDNS1123Label(name, p.child('name')));
    if (names.has(name))
      errs.push({ type: 'FieldValueDuplicate', field: String(p.child('name')), badValue: name, detail: '' });
    names.add(name);
    if (!port.protocol) errs.push(required(p.child('protocol')));
    else if (!PORT_PROTOCOLS.includes(port.protocol))
      errs.push(notSupported(p.child('protocol'), port.protocol, PORT_PROTOCOLS));
    if (port.port !== undefined)
      for (const m of isValidPortNum(port.port)) errs.push(invalid(p.child('port'), port.port, m));
    if (port.appProtocol !== undefined)
      errs.push(...validateLabelName(port.appProtocol, p.child('appProtocol')));
  });
  return errs;
}

export function validateEndpointSliceUpdate(es: EndpointSlice, old: EndpointSlice): FieldError[] {
  const errs = validateObjectMetaUpdate(es.metadata, old.metadata);
  if (es.addressType !== old.addressType)
    errs.push(invalid(FieldPath.root('addressType'), es.addressType ?? '', 'field is immutable'));
  errs.push(...validateEndpointSlice(es).filter((e) => !e.field.startsWith('metadata.')));
  return errs;
}
