// What the panel is shown of file attachments and their transfers. A file's key and hash stay in
// the extension host: the panel gets the member's claims about the file (name, type, size) and
// a small thumbnail the sender made, to show as text and as an <img> from a data: URL.

/** Thumbnail image types the panel shows; anything else is not rendered. */
export const THUMBNAIL_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type ThumbnailType = (typeof THUMBNAIL_TYPES)[number];

/** Base64 text of a thumbnail the panel makes and shows at most (about 24 KiB of image). */
export const MAX_THUMBNAIL_B64 = 32_768;

export interface ThumbnailView {
  type: ThumbnailType;
  dataB64: string;
  width: number;
  height: number;
}

export interface FileView {
  /** The sender's name for it: member text, shown with textContent only. */
  name: string;
  /** The sender's MIME type claim. */
  type: string;
  size: number;
  thumbnail?: ThumbnailView;
}

/** What the server takes, as it announced it (bytes). */
export interface FileLimitsView {
  maxFileBytes: number;
}

/** A file the user chose in VS Code's open dialog: the host keeps the path, the panel the token. */
export interface PickedFileView {
  pickId: string;
  name: string;
  type: string;
  size: number;
  /** For an image within the limit, its bytes, so the panel can make the thumbnail. */
  imageBytes?: Uint8Array;
}

/** One file to send: dropped or pasted (`bytes`), or picked in VS Code (`pickId`). */
export interface SendFileParams {
  groupId: string;
  /** Chosen by the panel, so progress and Cancel find the upload before the host answers. */
  transferId: string;
  name: string;
  type: string;
  bytes?: Uint8Array;
  pickId?: string;
  thumbnail?: ThumbnailView;
  comment?: string;
}

export type TransferState = 'running' | 'done' | 'failed' | 'cancelled';

export interface FileProgressView {
  transferId: string;
  groupId: string;
  direction: 'upload' | 'download';
  name: string;
  /** For a download, the file message; for a finished upload, the message it made. */
  msgId?: string;
  done: number;
  total: number;
  state: TransferState;
  /** state 'failed': what went wrong, in a sentence. */
  error?: string;
}

/** Start a download with progress: `open` shows it in VS Code (or asks where to save it), `save` asks where to save. */
export interface FileTransferParams {
  groupId: string;
  msgId: string;
  transferId: string;
}
