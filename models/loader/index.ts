export { MultiplyBeta, pixelShuffleClass, registerCustomLayers, addCustomLayer, knownCustomLayers } from './custom-layers';
export { fileSystemHandler } from './fs-io';
export { listFamilies, resolveModelsRoot } from './families';
export { loadManifest, parseManifest, MANIFEST_FILE } from './manifest';
export { NETWORK_ROLES, manifestSchema } from './manifest-schema';
export type { DomainSpec, ManifestJson, ModelFamily, NetworkRole, NetworkSpec, TensorSpec } from './manifest-schema';
export { findNetwork, loadNetwork } from './network';
export type { Network } from './network';
export { findPackageRoot, resolveModelPath } from './resolve-path';
