import { describe, expect, it } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { HANDLERS, mayHandle } from '@/entrypoints/background/handlers';
import { senderKinds } from '@/entrypoints/background/senders';
import type { Message } from '@/utils/messages';

/** Senders as the browser describes them. */
const id = () => browser.runtime.id;
const senders = {
  popup: (): Browser.runtime.MessageSender => ({ id: id(), url: browser.runtime.getURL('/popup.html') }),
  optionsTab: (): Browser.runtime.MessageSender => ({
    id: id(),
    url: browser.runtime.getURL('/options.html'),
    tab: { id: 3 } as Browser.tabs.Tab,
  }),
  overlay: (): Browser.runtime.MessageSender => ({
    id: id(),
    url: browser.runtime.getURL('/overlay.html#n'),
    tab: { id: 7 } as Browser.tabs.Tab,
    frameId: 5,
  }),
  contentTop: (): Browser.runtime.MessageSender => ({
    id: id(),
    url: 'https://crm.example.com/desk',
    tab: { id: 7 } as Browser.tabs.Tab,
    frameId: 0,
  }),
  contentFrame: (): Browser.runtime.MessageSender => ({
    id: id(),
    url: 'https://crm.example.com/reply',
    tab: { id: 7 } as Browser.tabs.Tab,
    frameId: 4,
  }),
  toast: (): Browser.runtime.MessageSender => ({
    id: id(),
    url: browser.runtime.getURL('/toast.html#n'),
    tab: { id: 7 } as Browser.tabs.Tab,
    frameId: 6,
  }),
  otherExtension: (): Browser.runtime.MessageSender => ({ id: 'someone-else', url: 'chrome-extension://x/p.html' }),
  overlayWithoutTab: (): Browser.runtime.MessageSender => ({ id: id(), url: browser.runtime.getURL('/overlay.html') }),
};
type Who = keyof typeof senders;

const nonce = 'abcdefghijklmnopqrstuvwxyz012345';
/** One sample of each message the background handles, and who may send it. */
const cases: [Message, Who[]][] = [
  [{ type: 'overlay/register', nonce }, ['contentTop']],
  [{ type: 'overlay/hello', nonce }, ['overlay']],
  [{ type: 'overlay/close', nonce, restoreFocus: true }, ['overlay']],
  [{ type: 'overlay/insert', nonce, text: 'hi' }, ['overlay']],
  [{ type: 'frame/field' }, ['contentTop', 'contentFrame']],
  [{ type: 'frame/hotkey' }, ['contentTop', 'contentFrame']],
  [{ type: 'palette/open' }, ['popup', 'optionsTab']],
  [{ type: 'ledger/set', state: 'talk', source: 'page' }, ['contentTop', 'contentFrame']],
  [{ type: 'ledger/set', state: 'break', source: 'manual' }, ['popup', 'optionsTab', 'overlay']],
  [{ type: 'ledger/set', state: 'break', source: 'hotkey' }, ['popup', 'optionsTab', 'overlay']],
  [{ type: 'sites/sync' }, ['popup', 'optionsTab']],
  [{ type: 'packs/sync' }, ['popup', 'optionsTab']],
  [{ type: 'packs/subscribe', url: 'https://packs.example.com/team.json' }, ['popup', 'optionsTab']],
  [{ type: 'rules/test', site: 'https://crm.example.com/*', rules: [] }, ['popup', 'optionsTab']],
  [
    {
      type: 'rules/disabled',
      rule: { selector: 'body', textPattern: '^(.|.)+\\uFFFF', state: 'talk' },
      reason: 'steps',
      ms: 12,
      url: 'https://crm.example.com/desk',
    },
    ['contentTop', 'contentFrame'],
  ],
  [{ type: 'console/insert', text: 'x' }, []],
  [{ type: 'console/close-overlay', restoreFocus: false }, []],
  [{ type: 'console/open-palette' }, []],
  [{ type: 'palette/prefill', nonce, query: 'x' }, []],
  [{ type: 'toast/register', nonce }, ['contentTop']],
  [{ type: 'toast/hello', nonce }, ['toast']],
  [{ type: 'toast/layout', nonce, visible: true, height: 120 }, ['toast']],
  [{ type: 'wellbeing/respond', outcome: 'snoozed' }, ['toast', 'popup', 'optionsTab']],
  [{ type: 'wellbeing/pause', minutes: 30 }, ['toast', 'popup', 'optionsTab']],
  [{ type: 'wellbeing/mood', phase: 'start', mood: 4 }, ['toast', 'popup', 'optionsTab']],
  [{ type: 'wellbeing/breathing', ref: 1, outcome: 'done' }, ['toast', 'popup', 'optionsTab']],
  [{ type: 'wellbeing/tough' }, ['overlay', 'popup', 'optionsTab']],
  [{ type: 'console/toast', visible: false, height: 0 }, []],
  [{ type: 'offscreen/chime' }, []],
  [{ type: 'expand/lookup', trigger: ';tk' }, ['contentTop', 'contentFrame']],
  [{ type: 'page/values', nonce, keys: ['orderNumber'] }, ['overlay']],
  [{ type: 'palette/open-form', nonce, articleId: 'refund-policy-zh' }, []],
  [{ type: 'console/read-values', fields: [] }, []],
];

describe('who may send what to the background', () => {
  it('names every message type in the handler table', () => {
    const types = new Set(cases.map(([m]) => m.type));
    for (const type of Object.keys(HANDLERS))
      if (HANDLERS[type as keyof typeof HANDLERS]) expect(types).toContain(type);
  });

  it.each(cases)('%o', (msg, allowed) => {
    for (const who of Object.keys(senders) as Who[]) {
      expect(mayHandle(msg, senders[who]()), `${msg.type} from ${who}`).toBe(allowed.includes(who));
    }
  });

  it('knows nothing of senders outside Seatmate', () => {
    expect(senderKinds(senders.otherExtension())).toEqual([]);
    expect(senderKinds(senders.overlayWithoutTab())).toEqual([]);
  });
});
