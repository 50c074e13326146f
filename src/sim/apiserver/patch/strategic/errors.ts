import type { JsonValue } from '../../../api/object';
import { goFormat } from '../go-format';

/**
 * A strategic-merge failure, tagged with how `interpretStrategicMergePatchError` maps it to HTTP:
 * the `mergepatch.Err…` format errors are 400s, list-of-lists is a 422, and every other error is a
 * plain Go error that the handler turns into a 500 with the raw text.
 */
export type SmpErrorClass = 'badRequest' | 'unprocessable' | 'internal';

export class SmpError extends Error {
  constructor(
    message: string,
    readonly errorClass: SmpErrorClass = 'internal',
  ) {
    super(message);
  }
}

export const errBadJSONDoc = () => new SmpError('invalid JSON document', 'badRequest');
export const errNoListOfLists = () => new SmpError('lists of lists are not supported', 'unprocessable');
export const errBadPatchFormatForPrimitiveList = () =>
  new SmpError('invalid patch format of primitive list', 'badRequest');
export const errBadPatchFormatForRetainKeys = () =>
  new SmpError('invalid patch format of retainKeys', 'badRequest');
export const errBadPatchFormatForSetElementOrderList = () =>
  new SmpError('invalid patch format of setElementOrder list', 'badRequest');

export function errNoMergeKey(m: JsonValue, key: string): SmpError {
  return new SmpError(`map: ${goFormat(m)} does not contain declared merge key: ${key}`);
}

export function errBadPatchType(t: JsonValue, m: JsonValue): SmpError {
  return new SmpError(`unknown patch type: ${goFormat(t)} in map: ${goFormat(m)}`);
}

export function errBadArgType(expected: string, actual: JsonValue | undefined): SmpError {
  return new SmpError(`expected a ${expected}, but received a ${goTypeName(actual)}`);
}

/** `reflect.TypeOf(v)` of a value decoded into `interface{}` (ints preserved, as the apiserver does). */
export function goTypeName(v: JsonValue | undefined): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

export const MAP_TYPE = 'map[string]interface {}';
export const SLICE_TYPE = '[]interface {}';
