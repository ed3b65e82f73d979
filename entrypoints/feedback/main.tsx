import { mountPage } from '@/components/mountPage';
import { App } from './App';
import './feedback.css';

mountPage(<App />, 'feedback.page.title');
