export { openapiResponse, openapiV3Root, groupVersionDocument } from './v3';
export { unknownFields } from './unknown-fields';
export { DEFINITIONS, definitionName, resolve, type Schema } from './schemas';
