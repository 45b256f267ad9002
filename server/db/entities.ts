import { NodeConnection } from '../nodes/node.entity.ts';
import { Setting } from '../settings/setting.entity.ts';

/** Every persisted entity, each defined in its own domain folder. */
export const entities = [Setting, NodeConnection];
