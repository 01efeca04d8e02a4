import type { Transport } from './transport';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** acquireVsCodeApi may be called once per page load, so this is made once in main.ts. */
export function createVsCodeTransport(target: Window = window): Transport {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    onMessage(listener) {
      const handler = (event: MessageEvent) => listener(event.data);
      target.addEventListener('message', handler);
      return () => target.removeEventListener('message', handler);
    },
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
}
