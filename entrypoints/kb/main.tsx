import { mountPage } from '@/components/mountPage';
import { App } from './App';
import './kb.css';

mountPage(<App />, 'kb.title');
