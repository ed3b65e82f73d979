import { mountPage } from '@/components/mountPage';
import { App } from './App';
import './toast.css';

mountPage(<App />, 'wellbeing.toast.title');
