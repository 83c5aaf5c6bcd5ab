import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC_CHANNEL, IPC_DROP_CHANNEL, IPC_EVENT_CHANNEL, type LatentshopBridge, type LatentshopFiles, type WireEvent, type WireReply } from './contract/service';

// The preload stays tiny: one request channel, one event channel, and one to record dropped files.
let nextId = 1;

const bridge: LatentshopBridge = {
  async request(request) {
    const reply = (await ipcRenderer.invoke(IPC_CHANNEL, { ...request, id: nextId++ })) as WireReply;
    if (reply.ok) return reply.value;
    throw reply.error;
  },
  subscribe(listener) {
    const handler = (_event: unknown, message: WireEvent) => listener(message);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => void ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
  },
};

const files: LatentshopFiles = {
  // Main opens only paths it recorded. getPathForFile gives '' for a File built by page script,
  // so the page can hand over files the user dropped or picked, but cannot name a path itself.
  async recordDropped(dropped) {
    const paths = dropped.map((file) => webUtils.getPathForFile(file));
    const real = paths.filter((path) => path !== '');
    if (real.length > 0) await ipcRenderer.invoke(IPC_DROP_CHANNEL, real);
    return paths.map((path) => path || null);
  },
};

contextBridge.exposeInMainWorld('latentshop', bridge);
contextBridge.exposeInMainWorld('latentshopFiles', files);
