/**
 * How a Kubernetes protobuf message maps onto the JSON the same Go struct would marshal to.
 * Field numbers come from upstream's generated.proto; the field order of each message is the Go
 * struct's order (which generated.proto keeps), so the decoded JSON has the keys where
 * `encoding/json` would put them.
 */

/** Wire scalars, plus the apimachinery types whose JSON form is not their message form. */
export type ScalarType = 'string' | 'int32' | 'int64' | 'bool' | 'bytes';
export type SpecialType =
  /** meta/v1 Time {seconds, nanos}: RFC 3339 in JSON, `null` when zero. */
  | 'time'
  /** util/intstr IntOrString {type, intVal, strVal}: a bare number or string in JSON. */
  | 'intstr'
  /** api/resource Quantity {string}: its canonical string. */
  | 'quantity';

export type FieldType = ScalarType | SpecialType | (() => MessageSpec);

/**
 * When a field appears in the JSON. gogo-protobuf writes every non-pointer Go field, zero or not,
 * so presence on the wire only means something for pointers; the rest follows the json tag.
 */
export type Presence =
  /** `json:",omitempty"` on a value: left out when zero/empty (structs are never left out). */
  | 'omitempty'
  /** no omitempty: always written, zero value included (`null` for nil slices and maps). */
  | 'always'
  /** a pointer with omitempty: written exactly when it was set, even to a zero value. */
  | 'pointer'
  /** a pointer without omitempty: `null` when it was not set. */
  | 'nullable';

export interface FieldSpec {
  no: number;
  json: string;
  type: FieldType;
  presence: Presence;
  repeated: boolean;
  /** `map<string, type>`: entries are submessages {key = 1, value = 2}. */
  map: boolean;
  /** An embedded Go struct (`json:",inline"`): its fields land in the parent object. */
  inline: boolean;
}

export interface MessageSpec {
  name: string;
  fields: FieldSpec[];
}

/** Field modifiers for `msg`: how the field is written, and its shape. */
export const OMIT = 0;
export const ALWAYS = 1;
export const PTR = 2;
export const NULLABLE = 4;
export const REPEATED = 8;
export const MAP = 16;
export const INLINE = 32;

export type FieldRow = [no: number, json: string, type: FieldType, flags?: number];

/** Builds a message spec from compact rows `[number, jsonName, type, flags]`, in Go struct order. */
export function msg(name: string, rows: FieldRow[]): MessageSpec {
  return {
    name,
    fields: rows.map(([no, json, type, flags = OMIT]) => ({
      no,
      json,
      type,
      presence:
        flags & NULLABLE ? 'nullable' : flags & PTR ? 'pointer' : flags & ALWAYS ? 'always' : 'omitempty',
      repeated: (flags & REPEATED) !== 0,
      map: (flags & MAP) !== 0,
      inline: (flags & INLINE) !== 0,
    })),
  };
}
