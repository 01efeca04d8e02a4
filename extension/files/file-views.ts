// A file attachment as the panel is shown it: the sender's claims and thumbnail, never the
// file's key, hash or id, which stay in the extension host to fetch and check it.
import type { FileAttachment } from '../../client/files/file-types';
import type { FileView } from '../../common/webview-protocol';

export function toFileView(f: FileAttachment): FileView {
  const view: FileView = { name: f.name, type: f.type, size: f.size };
  if (f.thumbnail) view.thumbnail = { type: f.thumbnail.type, dataB64: f.thumbnail.dataB64, width: f.thumbnail.width, height: f.thumbnail.height };
  return view;
}
