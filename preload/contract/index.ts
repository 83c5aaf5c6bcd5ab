export type * from './service';
export type * from './types';
export type { ErrorCode, LatentshopErrorData } from './errors';
