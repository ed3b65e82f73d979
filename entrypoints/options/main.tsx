import { mountPage } from '@/components/mountPage';
import { App } from './App';
import './options.css';

mountPage(<App />, 'options.title');
