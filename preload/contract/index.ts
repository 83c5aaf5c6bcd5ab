export type * from './service';
export type * from './types';
export type * from './latent';
export type * from './sr';
export type { ErrorCode, ErrorMessageKey, ErrorParams, LatentshopErrorData } from './errors';
