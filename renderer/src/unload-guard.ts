import { useDocumentGuard } from './document-guard';
import { useDocumentStore } from './stores/document';

/**
 * Asks before the window goes (reload, tab close, quit) while the document has work that is not
 * on disk. Browsers show their own wording; Electron asks through main's will-prevent-unload.
 */
export function installUnloadGuard(): () => void {
  const doc = useDocumentStore();
  const guard = useDocumentGuard();
  const onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (!doc.dirty && !guard.unappliedResult()) return;
    event.preventDefault();
    event.returnValue = ''; // Older Chromium needs it set as well.
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => window.removeEventListener('beforeunload', onBeforeUnload);
}
