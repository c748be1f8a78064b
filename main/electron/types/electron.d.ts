/**
 * The part of Electron's API that main/electron and main/preload use, declared here so the
 * code typechecks where the electron package cannot be installed (its install script downloads
 * a binary; as an optional dependency it is dropped when that fails). tsconfig.node.json maps
 * `electron` to this file. Signatures follow electron 41's electron.d.ts; checked against it
 * with the real package installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1) and the mapping removed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

export interface ElectronEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export interface WebPreferences {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInWorker?: boolean;
  nodeIntegrationInSubFrames?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  webviewTag?: boolean;
  experimentalFeatures?: boolean;
  navigateOnDragDrop?: boolean;
  spellcheck?: boolean;
  safeDialogs?: boolean;
}

export interface BrowserWindowConstructorOptions {
  width?: number;
  height?: number;
  minWidth?: number;
  minHeight?: number;
  show?: boolean;
  title?: string;
  backgroundColor?: string;
  icon?: string;
  webPreferences?: WebPreferences;
}

export interface WebFrameMain {
  readonly url: string;
  readonly origin: string;
}

export interface HandlerDetails {
  url: string;
}
export type WindowOpenHandlerResponse = { action: 'deny' } | { action: 'allow' };

export interface WebRequestFilter {
  urls: string[];
}
export interface OnBeforeRequestListenerDetails {
  id: number;
  url: string;
  method: string;
}
export interface CallbackResponse {
  cancel?: boolean;
  redirectURL?: string;
}

export interface WebRequest {
  onBeforeRequest(
    filter: WebRequestFilter,
    listener:
      ((details: OnBeforeRequestListenerDetails, callback: (response: CallbackResponse) => void) => void) | null,
  ): void;
}

export interface Session {
  readonly webRequest: WebRequest;
  setPermissionRequestHandler(
    handler:
      | ((
          webContents: WebContents,
          permission: string,
          callback: (permissionGranted: boolean) => void,
          details: any,
        ) => void)
      | null,
  ): void;
  setPermissionCheckHandler(
    handler:
      ((webContents: WebContents | null, permission: string, requestingOrigin: string, details: any) => boolean) | null,
  ): void;
}

export interface WebContents {
  readonly id: number;
  readonly session: Session;
  send(channel: string, ...args: any[]): void;
  isDestroyed(): boolean;
  getURL(): string;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate',
    listener: (event: ElectronEvent, url: string) => void,
  ): this;
  on(
    event: 'will-attach-webview',
    listener: (event: ElectronEvent, webPreferences: WebPreferences, params: Record<string, string>) => void,
  ): this;
  on(event: 'did-finish-load', listener: () => void): this;
  on(event: 'will-prevent-unload', listener: (event: ElectronEvent) => void): this;
}

export class BrowserWindow {
  constructor(options?: BrowserWindowConstructorOptions);
  static getAllWindows(): BrowserWindow[];
  static fromWebContents(webContents: WebContents): BrowserWindow | null;
  readonly webContents: WebContents;
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  close(): void;
  destroy(): void;
  isDestroyed(): boolean;
  setTitle(title: string): void;
  setDocumentEdited(edited: boolean): void;
  setRepresentedFilename(filename: string): void;
  on(event: 'close', listener: (event: ElectronEvent) => void): this;
  on(event: 'closed' | 'ready-to-show' | 'focus', listener: () => void): this;
  once(event: 'ready-to-show' | 'closed', listener: () => void): this;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}
export interface OpenDialogOptions {
  title?: string;
  defaultPath?: string;
  filters?: FileFilter[];
  properties?: Array<'openFile' | 'openDirectory' | 'multiSelections' | 'showHiddenFiles' | 'createDirectory'>;
}
export interface SaveDialogOptions {
  title?: string;
  defaultPath?: string;
  filters?: FileFilter[];
  properties?: Array<'showHiddenFiles' | 'createDirectory' | 'showOverwriteConfirmation'>;
}
export interface MessageBoxOptions {
  message: string;
  type?: 'none' | 'info' | 'error' | 'question' | 'warning';
  buttons?: string[];
  defaultId?: number;
  cancelId?: number;
  title?: string;
  detail?: string;
  noLink?: boolean;
}

export interface Dialog {
  showOpenDialog(
    window: BrowserWindow,
    options: OpenDialogOptions,
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(window: BrowserWindow, options: SaveDialogOptions): Promise<{ canceled: boolean; filePath: string }>;
  showMessageBox(
    window: BrowserWindow,
    options: MessageBoxOptions,
  ): Promise<{ response: number; checkboxChecked: boolean }>;
  showErrorBox(title: string, content: string): void;
}
export declare const dialog: Dialog;

export interface MenuItemConstructorOptions {
  label?: string;
  role?: string;
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio';
  accelerator?: string;
  registerAccelerator?: boolean;
  enabled?: boolean;
  click?: (menuItem: unknown, window: unknown, event: unknown) => void;
  submenu?: MenuItemConstructorOptions[];
}
export class Menu {
  static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu;
  static setApplicationMenu(menu: Menu | null): void;
}

export interface IpcMainInvokeEvent extends ElectronEvent {
  readonly sender: WebContents;
  readonly senderFrame: WebFrameMain | null;
}
export interface IpcMain {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: any[]) => Promise<any> | any): void;
  removeHandler(channel: string): void;
}
export declare const ipcMain: IpcMain;

export interface CustomScheme {
  scheme: string;
  privileges?: {
    standard?: boolean;
    secure?: boolean;
    supportFetchAPI?: boolean;
    corsEnabled?: boolean;
    stream?: boolean;
    codeCache?: boolean;
  };
}
export interface Protocol {
  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}
export declare const protocol: Protocol;

export interface App {
  whenReady(): Promise<void>;
  quit(): void;
  exit(exitCode?: number): void;
  getPath(name: 'home' | 'appData' | 'userData' | 'temp' | 'documents' | 'logs'): string;
  getAppPath(): string;
  getVersion(): string;
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  addRecentDocument(path: string): void;
  on(event: 'window-all-closed' | 'activate' | 'second-instance', listener: () => void): this;
  on(event: 'before-quit', listener: (event: ElectronEvent) => void): this;
  on(event: 'web-contents-created', listener: (event: ElectronEvent, webContents: WebContents) => void): this;
}
export declare const app: App;

export interface Session_ {
  defaultSession: Session;
}
export declare const session: Session_;

export interface IpcRendererEvent {
  readonly sender: unknown;
}
export interface IpcRenderer {
  invoke(channel: string, ...args: any[]): Promise<any>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: any[]) => void): this;
  removeListener(channel: string, listener: (...args: any[]) => void): this;
}
export declare const ipcRenderer: IpcRenderer;

export interface ContextBridge {
  exposeInMainWorld(apiKey: string, api: any): void;
}
export declare const contextBridge: ContextBridge;
