import type { ModelFamilySummary } from '../../preload/contract/types';
import { listFamilies, resolveModelsRoot } from '../../models/loader';

/** The installed model families, for `info()` and the Models panel. Broken families are skipped. */
export async function listInstalledFamilies(): Promise<ModelFamilySummary[]> {
  return listFamilies(resolveModelsRoot());
}
