// happy-dom lays nothing out: this gives the chat history a layout a test can scroll. Every
// message is one row of `rowHeight` px; the history shows `clientHeight` px from its scrollTop.
import type { MountedApp } from './mounted-app';

export interface FakeLayout {
  /** Scrolls the history as a person does (wheel, scrollbar): a new scrollTop and a scroll event. */
  scrollTo(top: number): void;
  scrollTop(): number;
}

export function fakeLayout(mounted: MountedApp, { rowHeight = 100, clientHeight = 300 } = {}): FakeLayout {
  const history = mounted.$('.history')!;
  const rows = () => [...history.querySelectorAll('.message')];
  let top = 0;
  const maxTop = () => Math.max(0, rows().length * rowHeight - clientHeight);
  Object.defineProperty(history, 'scrollHeight', { configurable: true, get: () => rows().length * rowHeight });
  Object.defineProperty(history, 'clientHeight', { configurable: true, get: () => clientHeight });
  Object.defineProperty(history, 'scrollTop', { configurable: true, get: () => top, set: (v: number) => (top = Math.min(Math.max(0, v), maxTop())) });
  const rect = (y: number, height: number) => ({ top: y, bottom: y + height, left: 0, right: 0, width: 0, height, x: 0, y }) as DOMRect;
  const proto = mounted.dom.window.HTMLElement.prototype as unknown as { getBoundingClientRect(this: Element): DOMRect };
  proto.getBoundingClientRect = function () {
    if (this === history) return rect(0, clientHeight);
    const i = rows().indexOf(this);
    return rect(i < 0 ? 0 : i * rowHeight - top, i < 0 ? 0 : rowHeight);
  };
  return {
    scrollTo(value) {
      history.scrollTop = value;
      history.dispatchEvent(new mounted.dom.window.Event('scroll') as unknown as Event);
    },
    scrollTop: () => top,
  };
}
