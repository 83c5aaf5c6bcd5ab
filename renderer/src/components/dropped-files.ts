/**
 * Files from a drop, folders included: browsers give a dropped folder only as an entry to
 * walk. Entries must be taken during the drop event (the list is emptied after it), so
 * call this synchronously from the handler and await the promise afterwards.
 */
export function droppedFiles(transfer: DataTransfer): Promise<File[]> {
  const entries = Array.from(transfer.items)
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null))
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) return Promise.resolve(Array.from(transfer.files));
  return Promise.all(entries.map(walk)).then((lists) => lists.flat());
}

/** The dropped folder each walked file came from: File objects carry no path in a browser. */
const folders = new WeakMap<File, string>();

/**
 * The folder a file was dropped in, relative to the drop ("shoots/a"; "" for a file dropped by
 * itself), or undefined when it came from a file picker. Batch masks pair by name within it.
 */
export function folderOf(file: File): string | undefined {
  return folders.get(file);
}

async function walk(entry: FileSystemEntry): Promise<File[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    folders.set(file, entry.fullPath.slice(1, Math.max(1, entry.fullPath.lastIndexOf('/'))));
    return [file];
  }
  if (!entry.isDirectory || entry.name.startsWith('.')) return [];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries returns at most ~100 entries per call: read until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  const lists = await Promise.all(children.sort((a, b) => a.name.localeCompare(b.name)).map(walk));
  return lists.flat();
}
