import { mountPage } from '@/components/mountPage';
import { App } from './App';
import './break.css';

mountPage(<App />, 'wellbeing.breakPage.title');
