import type { EndpointAddress, Endpoints } from 'kubernetes-types/core/v1';
import { FieldPath, invalid, notSupported, required, type FieldError } from '../field-errors';
import { INVALID_IP, isValidPortNum, parseIP } from './formats';
import { PORT_PROTOCOLS } from './container';
import {
  nameIsDNSSubdomain,
  validateDNS1123Label,
  validateLabelName,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './metadata';

/** ValidateNonSpecialIP: endpoints must point at real, routable addresses. */
export function validateNonSpecialIP(ip: string, path: FieldPath): FieldError[] {
  const parsed = parseIP(ip);
  if (!parsed) return [invalid(path, ip, 'must be a valid IP address')];
  const b = parsed.bytes;
  const errs: FieldError[] = [];
  const v4 = parsed.family === 4;
  if (b.every((x) => x === 0)) errs.push(invalid(path, ip, `may not be unspecified (${ip})`));
  if ((v4 && b[0] === 127) || (!v4 && b.slice(0, 15).every((x) => x === 0) && b[15] === 1)) {
    errs.push(invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  }
  if ((v4 && b[0] === 169 && b[1] === 254) || (!v4 && b[0] === 0xfe && (b[1] & 0xc0) === 0x80)) {
    errs.push(invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  }
  if ((v4 && b[0] === 224 && b[1] === 0 && b[2] === 0) || (!v4 && b[0] === 0xff && (b[1] & 0x0f) === 2)) {
    errs.push(invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errs;
}

function validateAddress(a: EndpointAddress, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!parseIP(a.ip ?? '')) errs.push(invalid(path.child('ip'), a.ip ?? '', INVALID_IP));
  if (a.hostname) errs.push(...validateDNS1123Label(a.hostname, path.child('hostname')));
  if (a.nodeName)
    for (const m of nameIsDNSSubdomain(a.nodeName, false))
      errs.push(invalid(path.child('nodeName'), a.nodeName, m));
  errs.push(...validateNonSpecialIP(a.ip ?? '', path.child('ip')));
  return errs;
}

export function validateEndpoints(ep: Endpoints): FieldError[] {
  const errs = validateObjectMeta(ep.metadata, true, nameIsDNSSubdomain);
  (ep.subsets ?? []).forEach((ss, i) => {
    const p = FieldPath.root('subsets').index(i);
    if ((ss.addresses ?? []).length === 0 && (ss.notReadyAddresses ?? []).length === 0) {
      errs.push(required(p, 'must specify `addresses` or `notReadyAddresses`'));
    }
    (ss.addresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, p.child('addresses').index(j))));
    (ss.notReadyAddresses ?? []).forEach((a, j) =>
      errs.push(...validateAddress(a, p.child('notReadyAddresses').index(j))),
    );
    const ports = ss.ports ?? [];
    ports.forEach((port, j) => {
      const pp = p.child('ports').index(j);
      if (ports.length > 1 && !port.name) errs.push(required(pp.child('name')));
      else if (port.name) errs.push(...validateDNS1123Label(port.name, pp.child('name')));
      for (const m of isValidPortNum(port.port)) errs.push(invalid(pp.child('port'), port.port, m));
      if (!port.protocol) errs.push(required(pp.child('protocol')));
      else if (!PORT_PROTOCOLS.includes(port.protocol))
        errs.push(notSupported(pp.child('protocol'), port.protocol, PORT_PROTOCOLS));
      if (port.appProtocol !== undefined)
        errs.push(...validateLabelName(port.appProtocol, pp.child('appProtocol')));
    });
  });
  return errs;
}

export function validateEndpointsUpdate(ep: Endpoints, old: Endpoints): FieldError[] {
  return [...validateObjectMetaUpdate(ep.metadata, old.metadata), ...validateEndpoints(ep)];
}
