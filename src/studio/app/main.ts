// The studio's entry point. jitless.ts must stay the first import (see there).
import './jitless.ts';
import './styles.css';
import { html } from 'htm/preact';
import { render } from 'preact';
import { App } from './app.ts';
import { NOTES_QUERY } from './channel.ts';
import { NotesView } from './notes.ts';

const [key, value] = NOTES_QUERY.split('=') as [string, string];
const notes = new URLSearchParams(location.search).get(key) === value;
document.body.classList.toggle('notes-window', notes);
// index.html's words for a page opened as a file go before the studio draws.
const root = document.getElementById('app')!;
root.replaceChildren();
render(notes ? html`<${NotesView} />` : html`<${App} />`, root);
