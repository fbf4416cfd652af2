/**
 * The preload: exposes exactly one narrow, typed bridge, window.rfm (the
 * contract's Bridge). The page never sees ipcRenderer: it can only invoke the
 * one call channel with a method name and plain arguments (validated again in
 * main), cancel its own calls, listen to menu commands and ask for the path of
 * a file it was given by drag and drop.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('rfm', createBridge(ipcRenderer, webUtils));
