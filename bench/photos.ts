import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Real photographs shipped by Debian's python3-skimage (scikit-image's sample data, public domain / CC0). */
export const PHOTO_NAMES = [
  'astronaut.png',
  'chelsea.png',
  'coffee.png',
  'rocket.jpg',
  'motorcycle_left.png',
  'camera.png',
  'brick.png',
  'grass.png',
  'hubble_deep_field.jpg',
];

const INSTALLED = '/usr/lib/python3/dist-packages/skimage/data';
const CACHE = join(import.meta.dirname, '.photos');

/**
 * Paths of the benchmark photos. Uses an installed python3-skimage, or unpacks the
 * Debian package (no install, no dependencies) into bench/.photos on first use.
 */
export function benchPhotos(): string[] {
  const override = process.env['LATENTSHOP_BENCH_PHOTOS'];
  if (override) return PHOTO_NAMES.map((name) => join(override, name)).filter((path) => existsSync(path));
  const dir = existsSync(join(INSTALLED, 'astronaut.png')) ? INSTALLED : unpacked();
  return PHOTO_NAMES.map((name) => join(dir, name)).filter((path) => existsSync(path));
}

function unpacked(): string {
  const data = join(CACHE, 'usr/lib/python3/dist-packages/skimage/data');
  if (existsSync(join(data, 'astronaut.png'))) return data;
  mkdirSync(CACHE, { recursive: true });
  execFileSync('apt-get', ['download', 'python3-skimage'], { cwd: CACHE, stdio: 'ignore' });
  const deb = readdirSync(CACHE).find((f) => f.startsWith('python3-skimage') && f.endsWith('.deb'));
  if (!deb) throw new Error('Could not download python3-skimage for the benchmark photos (apt-get download failed).');
  execFileSync('dpkg', ['-x', deb, '.'], { cwd: CACHE, stdio: 'ignore' });
  return data;
}
