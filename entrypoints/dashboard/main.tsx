import { mountPage } from '@/components/mountPage';
import { App } from './App';
import './dashboard.css';

mountPage(<App />, 'dashboard.title');
