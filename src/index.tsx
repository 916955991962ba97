// Entry point of the UI realm: mounts the app.
import { render } from 'solid-js/web';
import { App } from './app/App.tsx';
import './app/styles.css';

render(() => <App />, document.getElementById('root')!);
