import '@/components/theme.css';
import './overlay.css';
import { mountPage } from '@/components/mountPage';
import { App } from './App';

mountPage(<App />, 'overlay.title');
