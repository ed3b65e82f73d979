import { mountPage } from '@/components/mountPage';
import { App } from './App';
import './popup.css';

mountPage(<App />, 'popup.title');
