import { mountPage } from '@/components/mountPage';
import { App } from './App';
import '../feedback/feedback.css';
import './inbox.css';

mountPage(<App />, 'feedback.inbox.title');
