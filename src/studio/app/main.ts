// The studio's entry point. jitless.ts must stay the first import (see there).
import './jitless.ts';
import './styles.css';
import { html } from 'htm/preact';
import { render } from 'preact';
import { App } from './app.ts';

render(html`<${App} />`, document.getElementById('app')!);
