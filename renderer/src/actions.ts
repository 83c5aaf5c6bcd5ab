import type { ExportOptions, ImageInfo, ResizeJobSpec } from '../../preload/contract';
import { activeView } from './canvas/active';
import { useDocumentGuard } from './document-guard';
import { errorText, i18n } from './i18n';
import { getApi } from './ipc/api';
import { toErrorData } from './ipc/errors';
import { droppedPaths, pickFiles, readBase64 } from './ipc/files';
import { useDocumentStore } from './stores/document';
import { useEngineStore } from './stores/engine';
import { useJobsStore } from './stores/jobs';
import { useToastStore } from './stores/toasts';
import { useUiStore } from './stores/ui';
import { redoInScope, undoInScope } from './undo-scope';

/**
 * User commands shared by the toolbar, panels, menus and shortcuts, so each is written once.
 * Errors end here as toasts; nothing below the UI needs to know about i18n.
 */
export function useActions() {
  const doc = useDocumentStore();
  const engine = useEngineStore();
  const jobs = useJobsStore();
  const toasts = useToastStore();
  const ui = useUiStore();
  const guard = useDocumentGuard();
  const t = i18n.global.t;

  function openFailed(error: unknown, fallbackFile: string): void {
    const file = toErrorData(error).file ?? fallbackFile;
    const message = errorText(error);
    // Engine messages usually name the file already; don't say it twice.
    const text = !file || message.includes(file) ? message : t('toast.openFailed', { file, message });
    toasts.show(text, 'error');
  }

  function showOpened(images: ImageInfo[]): void {
    // One document at a time for now: the last image opened is the one shown.
    for (const image of images) doc.open(image);
  }

  async function open(): Promise<void> {
    if (engine.mode !== 'electron') return pickFiles();
    try {
      const images = await getApi().openDialog({});
      const last = images.at(-1);
      // The desktop dialog has already read the files; a "no" releases them again.
      if (!last || (await guard.mayReplaceDocument(last.name))) return showOpened(images);
      for (const image of images) void getApi().releaseImage({ imageId: image.id }).catch(() => undefined);
    } catch (e) {
      openFailed(e, '');
    }
  }

  /** Opens picked or dropped files: by path in Electron, by upload in browser mode. */
  async function openFiles(files: File[]): Promise<void> {
    if (files.length === 0) return;
    // Asked before anything is read: the last file opened is the one that replaces the document.
    if (!(await guard.mayReplaceDocument(files.at(-1)!.name))) return;
    ui.busyOpening = true;
    try {
      const paths = await droppedPaths(files);
      if (paths.length > 0 && paths.every((p) => p !== null)) {
        try {
          showOpened(await getApi().openDropped({ paths: paths as string[] }));
        } catch (e) {
          openFailed(e, files.map((f) => f.name).join(', '));
        }
        return;
      }
      for (const file of files) {
        try {
          showOpened([await getApi().upload({ name: file.name, dataBase64: await readBase64(file) })]);
        } catch (e) {
          openFailed(e, file.name);
        }
      }
    } finally {
      ui.busyOpening = false;
    }
  }

  function requestDialog(name: 'resize' | 'export'): void {
    if (!doc.current) toasts.show(t('toast.needImage'), 'info');
    else ui.openDialog(name);
  }

  async function resize(size: Omit<ResizeJobSpec, 'op' | 'imageId'>): Promise<void> {
    const image = doc.current;
    if (!image) return;
    ui.closeDialog();
    try {
      await jobs.start({ op: 'resize', imageId: image.id, ...size }, (result) => {
        if (result.kind !== 'image') return;
        // If another image was opened meanwhile, this result no longer belongs to the document.
        if (doc.steps.some((s) => s.id === image.id)) doc.push(result.image);
        else void getApi().releaseImage({ imageId: result.image.id }).catch(() => undefined);
      });
    } catch (e) {
      toasts.show(t('toast.jobFailed', { op: t('jobs.op.resize'), message: errorText(e) }), 'error');
    }
  }

  async function exportImage(options: ExportOptions, name?: string): Promise<void> {
    const image = doc.current;
    if (!image) return;
    ui.closeDialog();
    ui.exporting = name ?? image.name;
    try {
      const result = await getApi().exportImage(name ? { imageId: image.id, options, name } : { imageId: image.id, options });
      doc.markSaved(image.id);
      toasts.show(t('toast.exported', { path: result.path }), 'success');
    } catch (e) {
      toasts.show(t('toast.exportFailed', { message: errorText(e) }), 'error');
    } finally {
      ui.exporting = null;
    }
  }

  return {
    open,
    openFiles,
    resize,
    exportImage,
    requestResize: () => requestDialog('resize'),
    requestExport: () => requestDialog('export'),
    // A tool with its own steps (painted strokes) undoes those first.
    // A job writing into the document pins its history until the result lands.
    undo: () => undoInScope() || (doc.canUndo && guard.historyLocked()) || doc.undo(),
    redo: () => redoInScope() || (doc.canRedo && guard.historyLocked()) || doc.redo(),
    zoomFit: () => activeView()?.fit(),
    zoom100: () => activeView()?.actualSize(),
    closeDialog: () => ui.closeDialog(),
  };
}
