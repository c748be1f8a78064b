/** Types of scripts/icons.mjs (imported by vite.config.ts). */
export declare const ICON_SVG: string;
export declare const PNG_SIZES: number[];
export declare function renderPngs(sizes?: number[], svgPath?: string): Promise<Map<number, Buffer>>;
export declare function icoFrom(pngs: Map<number, Buffer>): Buffer;
export declare function icnsFrom(pngs: Map<number, Buffer>): Buffer;
export declare function faviconFiles(): Promise<Record<string, Buffer>>;
export declare function writeAppIcons(dir: string): Promise<string>;
