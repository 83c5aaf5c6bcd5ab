import { rm, writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { makeRaster, makeTempDir } from '../io/test-fixtures';
import { ImageStore } from './image-store';

const temp = await makeTempDir();
afterAll(() => temp.cleanup());

describe('ImageStore', () => {
  it('keeps opening images after its cache folder was removed, and a restarted engine finds them', async () => {
    const dir = `${temp.dir}/cache`;
    const store = new ImageStore(dir);
    await rm(dir, { recursive: true }); // As a temp cleaner does mid-session.
    const image = makeRaster(3, 2, 3, 8, (x, y, c) => x * 50 + y * 20 + c);
    const id = await store.put(image);
    const restored = await new ImageStore(dir).get(id);
    expect([restored.width, restored.height, restored.channels]).toEqual([3, 2, 3]);
    expect([...restored.data]).toEqual([...image.data]);
  });
});

describe('ImageStore when its copy cannot be written', () => {
  it('still opens the image, in memory', async () => {
    const dir = `${temp.dir}/blocked`;
    const store = new ImageStore(dir);
    await rm(dir, { recursive: true });
    await writeFile(dir, 'a file where the folder was'); // Every write into it now fails.
    const image = makeRaster(2, 2, 1, 8, () => 7);
    const id = await store.put(image);
    expect((await store.get(id)).data).toBe(image.data);
  });
});
