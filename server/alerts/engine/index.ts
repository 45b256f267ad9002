export { type AckResult, acknowledge, unacknowledge } from './acknowledge.ts';
export {
  AlertConfigError,
  alertConfigFrom,
  alertConfigSchema,
  applyConfigPatch,
  parseAlertConfig,
} from './config-schema.ts';
export { describe, format } from './describe.ts';
export { evaluate, tick } from './evaluate.ts';
export { categoryOf, inQuietHours } from './quiet-hours.ts';
export {
  type AlertTransition,
  type EngineRecords,
  type EngineResult,
  type EngineState,
  type EvaluateInput,
  emptyState,
  type FlapHistory,
  type Notified,
  type TransitionType,
} from './state.ts';
