import { mountPage } from '@/components/mountPage';
import { App } from './App';
import './popup.css';

mountPage(<App />, 'popup.title');

if (import.meta.env.MODE === 'demo') {
  // Demo builds only: lets the ledger benchmark (test/bench/ledger.bench.ts) drive the real
  // database and report code in Chromium. Production builds drop this block.
  void import('./bench-hook').then((m) => m.installBenchHook());
}
