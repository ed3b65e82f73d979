import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

// Every test starts from an empty fake browser (storage, permissions, listeners).
beforeEach(() => {
  fakeBrowser.reset();
});
