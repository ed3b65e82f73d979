import { mountPage } from '@/components/mountPage';
import { App } from './App';
import './break.css';

// No title key: the page sets its own title ("Break", or "⏰ Back in 1 min" near the end), which
// the provider's would overwrite whenever the settings or the language change.
mountPage(<App />);
