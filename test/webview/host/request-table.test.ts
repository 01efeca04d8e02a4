// A webview request nobody answers cannot happen: the type requires a handler for every declared
// request, the real session has one, and the bridge answers anything else at once with an error.
import * as assert from 'node:assert/strict';
import * as protocol from '../../../common/webview-protocol';
import { Commands, IpcCall, Requests, type RequestHandlers, type SessionView } from '../../../common/webview-protocol';
import { ClientChatService } from '../../../extension/client-chat-service';
import { PanelBridge } from '../../../extension/panel/panel-bridge';

function bridgeWithoutSession() {
  const posted: { method: string; id?: string; result?: unknown; error?: string }[] = [];
  const bridge = new PanelBridge({
    post: (m) => posted.push(m as (typeof posted)[number]),
    runAction: () => undefined,
    openSnippet: () => undefined,
    copyMessageLink: () => undefined,
    sessionWithoutChat: (): SessionView => ({ state: 'signed-out' }),
    warn: () => undefined,
  });
  return { bridge, posted };
}

describe('host request table', () => {
  it('does not compile a handler table that leaves a request out', () => {
    const answer = async () => ({ msgId: 'm' });
    // @ts-expect-error createGroup has no handler, so this is not a RequestHandlers
    const incomplete: RequestHandlers = {
      openGroup: async () => ({ group: undefined as never, messages: [], hasMore: false }),
      loadOlder: async () => ({ messages: [], hasMore: false }),
      send: answer,
      edit: answer,
      delete: answer,
      react: answer,
      setAdmin: async () => undefined,
    };
    assert.ok(incomplete);
  });

  it('has a handler on the real session for every declared request', () => {
    const session = ClientChatService.prototype as unknown as Record<string, unknown>;
    for (const name of Object.keys(Requests)) assert.equal(typeof session[name], 'function', `ClientChatService.${name}`);
  });

  it('routes every declared request to the session: signed out, each is refused in words at once', async () => {
    const { bridge, posted } = bridgeWithoutSession();
    for (const [name, request] of Object.entries(Requests)) {
      await bridge.receive({ method: request.method, params: {}, id: name });
      assert.equal(posted.at(-1)?.id, name);
      assert.match(posted.at(-1)?.error ?? '', /locked or signed out/, request.method);
    }
  });

  it('answers a request it does not know with an error at once, not a timeout', async () => {
    const { bridge, posted } = bridgeWithoutSession();
    await bridge.receive({ method: 'groups/verifyEverything', params: {}, id: 'w9' });
    assert.deepEqual(posted, [
      { method: 'ipc/reply', id: 'w9', error: 'This chat panel is newer than the TeamChat extension running it: reload the window, or update the extension.' },
    ]);
    assert.ok(!posted[0]?.error?.includes('/'), 'no method name in words for a person');
  });

  it('gives every command, request and notification its own method', () => {
    const declared = [...Object.values(Commands), ...Object.values(Requests), ...Object.values(protocol).filter((v) => v instanceof IpcCall)];
    const methods = declared.map((call) => call.method);
    assert.equal(new Set(methods).size, methods.length, methods.join(', '));
  });
});
