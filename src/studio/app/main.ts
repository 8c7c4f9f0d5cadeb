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
render(notes ? html`<${NotesView} />` : html`<${App} />`, document.getElementById('app')!);
