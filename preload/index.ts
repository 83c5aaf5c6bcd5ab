import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL, type LatentshopBridge, type WireEvent, type WireReply } from './contract/service';

// The preload stays tiny: one request channel, one event channel, and file paths for drops.
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

contextBridge.exposeInMainWorld('latentshop', bridge);
contextBridge.exposeInMainWorld('latentshopFiles', { pathForFile: (file: File) => webUtils.getPathForFile(file) });
