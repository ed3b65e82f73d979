import { mountPage } from '@/components/mountPage';
import { App } from './App';
import './overlay.css';

mountPage(<App />, 'overlay.title');
