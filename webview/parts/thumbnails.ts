// Thumbnails of images to send, made here in the panel: the image drawn at most 320 px on its
// long side, encoded as WebP (JPEG where the browser cannot), smaller and rougher until it fits
// the thumbnail budget. Readers see only this copy inline; the file itself opens in VS Code.
import { MAX_THUMBNAIL_B64, type ThumbnailType, type ThumbnailView } from '../../common/webview-protocol';

export type Thumbnailer = (bytes: Uint8Array, type: string) => Promise<ThumbnailView | undefined>;

/** The bytes an encoded thumbnail may have, so its base64 stays within MAX_THUMBNAIL_B64. */
export const MAX_THUMBNAIL_BYTES = Math.floor((MAX_THUMBNAIL_B64 / 4) * 3) - 2;

/** Tried in order until one fits: [long side, type, quality]. */
export const THUMBNAIL_STEPS: readonly [number, ThumbnailType, number][] = [
  [320, 'image/webp', 0.8],
  [320, 'image/jpeg', 0.75],
  [240, 'image/webp', 0.6],
  [240, 'image/jpeg', 0.6],
  [160, 'image/jpeg', 0.5],
  [96, 'image/jpeg', 0.4],
];

/** Draws the image at a size and encodes it; undefined when this type cannot be made here. */
export type ThumbnailEncoder = (width: number, height: number, type: ThumbnailType, quality: number) => Promise<Uint8Array | undefined>;

/** The first encoding within the budget, scaled to keep the image's proportions; undefined when none fits. */
export async function fitThumbnail(size: { width: number; height: number }, encode: ThumbnailEncoder): Promise<ThumbnailView | undefined> {
  if (!(size.width > 0 && size.height > 0)) return undefined;
  for (const [side, type, quality] of THUMBNAIL_STEPS) {
    const scale = Math.min(1, side / Math.max(size.width, size.height));
    const width = Math.max(1, Math.round(size.width * scale));
    const height = Math.max(1, Math.round(size.height * scale));
    const bytes = await encode(width, height, type, quality);
    if (bytes && bytes.length <= MAX_THUMBNAIL_BYTES) return { type, dataB64: toBase64(bytes), width, height };
  }
  return undefined;
}

/** With the browser's decoder and a canvas; undefined for what it cannot decode (the file is still sent). */
export function canvasThumbnailer(doc: Document): Thumbnailer {
  return async (bytes, type) => {
    const view = doc.defaultView as (Window & typeof globalThis) | null;
    if (!view || typeof view.createImageBitmap !== 'function') return undefined;
    let bitmap: ImageBitmap;
    try {
      bitmap = await view.createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
    } catch {
      return undefined;
    }
    try {
      return await fitThumbnail(bitmap, async (width, height, outType, quality) => {
        const canvas = doc.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        const ctx = canvas.getContext('2d');
        if (!ctx) return undefined;
        if (outType === 'image/jpeg') {
          // JPEG has no transparency: what was transparent shows white, not black.
          ctx.fillStyle = '#fff';
          ctx.fillRect(0, 0, width, height);
        }
        ctx.drawImage(bitmap, 0, 0, width, height);
        const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, outType, quality));
        // A browser without a WebP encoder hands back PNG: that is not what was asked.
        if (!blob || blob.type !== outType) return undefined;
        return new Uint8Array(await blob.arrayBuffer());
      });
    } finally {
      bitmap.close();
    }
  };
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
