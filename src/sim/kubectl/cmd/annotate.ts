import type { Command } from '../types';
import { METADATA_FLAGS, updateMetadataMap } from './label';

export const annotateCommand: Command = {
  name: 'annotate',
  flags: METADATA_FLAGS,
  run: (ctx) => updateMetadataMap(ctx, 'annotations', 'annotated'),
};
