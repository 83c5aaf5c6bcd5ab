import type { InpaintMethod } from '../../preload/contract';
import { useMaskController } from './canvas/mask/controller';
import { errorText, i18n } from './i18n';
import { getApi } from './ipc/api';
import { readBase64 } from './ipc/files';
import { useDocumentStore } from './stores/document';
import { useJobsStore } from './stores/jobs';
import { useToastStore } from './stores/toasts';

/** Inpainting commands: run on the painted mask, and save the mask as a PNG. */
export function useInpaintActions() {
  const doc = useDocumentStore();
  const jobs = useJobsStore();
  const toasts = useToastStore();
  const masks = useMaskController();
  const t = i18n.global.t;

  /** Uploads the mask (feathered; the engine places it at image size) and returns its engine id. */
  async function uploadMask(name: string): Promise<string | null> {
    const png = await masks.maskPng();
    if (!png) {
      toasts.show(t('inpaint.needMask'), 'info');
      return null;
    }
    const info = await getApi().upload({ name, dataBase64: await readBase64(new File([png.blob], name, { type: 'image/png' })), frame: png.frame });
    return info.id;
  }

  /** Fills the masked pixels; the result is a new history step (progress, ETA, cancel: jobs panel). */
  async function run(method: InpaintMethod, model?: string): Promise<void> {
    const image = doc.current;
    if (!image) return void toasts.show(t('toast.needImage'), 'info');
    try {
      const maskId = await uploadMask('mask.png');
      if (!maskId) return;
      const spec = { op: 'inpaint' as const, imageId: image.id, maskId, method, ...(model !== undefined && { model }) };
      await jobs.start(spec, (result) => {
        void getApi().releaseImage({ imageId: maskId }).catch(() => undefined);
        if (result.kind !== 'image') return;
        if (!doc.steps.some((s) => s.id === image.id)) return void getApi().releaseImage({ imageId: result.image.id }).catch(() => undefined);
        doc.push(result.image);
        masks.discard(); // The hole is filled: a stale mask would only hide the result (the fill is the undo step).
      });
    } catch (e) {
      toasts.show(t('toast.jobFailed', { op: t('jobs.op.inpaint'), message: errorText(e) }), 'error');
    }
  }

  /** Saves the mask as `<image>.mask.png` through the export path (save dialog, or the export folder). */
  async function exportMask(): Promise<void> {
    const image = doc.current;
    if (!image) return;
    try {
      const stem = image.name.replace(/\.[A-Za-z0-9]+$/, '');
      const maskId = await uploadMask(`${stem}.mask.png`);
      if (!maskId) return;
      const result = await getApi().exportImage({ imageId: maskId, options: { format: 'png', keepMetadata: false }, name: `${stem}.mask.png` });
      void getApi().releaseImage({ imageId: maskId }).catch(() => undefined);
      toasts.show(t('toast.exported', { path: result.path }), 'success');
    } catch (e) {
      toasts.show(t('toast.exportFailed', { message: errorText(e) }), 'error');
    }
  }

  return { run, exportMask };
}
