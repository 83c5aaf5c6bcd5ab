/** Reads a picked or dropped file as bare base64 (no data: prefix), for api.upload. */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the file'));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    // A data URL avoids building a huge binary string by hand for 100+ MB files.
    reader.readAsDataURL(file);
  });
}

/**
 * The file-system paths of dropped or picked files in Electron, which the preload has main record
 * so that openDropped and startBatch accept them; null for each in browser mode. A failed record
 * gives nulls too: the caller then uploads the bytes, which works in both modes.
 */
export async function droppedPaths(files: readonly File[]): Promise<(string | null)[]> {
  const helper = window.latentshopFiles;
  if (!helper || files.length === 0) return files.map(() => null);
  return helper.recordDropped([...files]).catch(() => files.map(() => null));
}

let fileInput: HTMLInputElement | null = null;

/** The hidden <input type=file> used in browser mode, registered by the toolbar. */
export function registerFileInput(input: HTMLInputElement | null): void {
  fileInput = input;
}

export function pickFiles(): void {
  fileInput?.click();
}
