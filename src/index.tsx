// Entry point of the UI realm: mounts the app.
import { render } from 'solid-js/web';
import { App } from './app/App.tsx';
import { installAutomation } from './app/automation.ts';
import './app/styles.css';

installAutomation();
render(() => <App />, document.getElementById('root')!);
