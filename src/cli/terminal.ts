// What reaches the terminal: text from files (names, descriptions, paths) may hold control
// characters or escape sequences that would move the cursor, retitle the window, clear the
// screen or hide text. Every control character is shown escaped (\x1b, \x07, \r...), except
// newline and tab, and, when colour is on, the colour codes (SGR: ESC [ digits ; m) that the
// reports themselves use.
const SGR = /\x1b\[[0-9;]*m/y;
// C0 controls but tab and newline, DEL, and the C1 controls (U+0080-U+009F).
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

export function terminalText(text: string, colour: boolean): string {
  if (!CONTROL.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x1b && colour) {
      SGR.lastIndex = i;
      const m = SGR.exec(text);
      if (m) {
        out += m[0];
        i += m[0].length - 1;
        continue;
      }
    }
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f)) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += text[i];
  }
  return out;
}
