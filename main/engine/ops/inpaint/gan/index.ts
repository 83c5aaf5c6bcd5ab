export { completeLatent, type CompletionOptions, type CompletionResult } from './complete';
export { importanceWeights, maskedToDomain, type MaskedDomain } from './domain-mask';
export { ganFamily } from './family';
export { ganInpaint, type GanInpaintOptions } from './run';
