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

/** The file-system path of a dropped file in Electron (preload helper); null in browser mode. */
export function pathOf(file: File): string | null {
  const path = window.latentshopFiles?.pathForFile(file);
  return path ? path : null;
}

let fileInput: HTMLInputElement | null = null;

/** The hidden <input type=file> used in browser mode, registered by the toolbar. */
export function registerFileInput(input: HTMLInputElement | null): void {
  fileInput = input;
}

export function pickFiles(): void {
  fileInput?.click();
}
