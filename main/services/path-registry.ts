import { resolve } from 'node:path';
import { LatentshopError } from '../../preload/contract/errors';

/**
 * Paths the UI may touch. The renderer never names a path of its own choosing: only
 * paths that main saw come from a dialog or a drop are accepted.
 */
export class PathRegistry {
  private readonly readable = new Set<string>();

  allow(paths: readonly string[]): string[] {
    return paths.map((path) => {
      const absolute = resolve(path);
      this.readable.add(absolute);
      return absolute;
    });
  }

  assertAllowed(path: string): string {
    const absolute = resolve(path);
    if (!this.readable.has(absolute)) {
      throw LatentshopError.of('pathNotOpened', {}, path);
    }
    return absolute;
  }
}
