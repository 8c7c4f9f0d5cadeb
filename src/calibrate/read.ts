// Reading Graph exports of deviceManagement/autopilotEvents, streaming: a record at a time,
// whatever the size of the file. JSON as Graph returns it (a page `{ "value": [...] }`, several
// pages one after another, a list of pages, a bare array of events, or one event alone) and CSV with the property names as
// columns. Anything malformed is one InputError naming the file, the record and the field.
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { InputError } from '../environment/load.ts';
import { bundledExportNear, cannotRead } from '../environment/files.ts';
import { NEEDED, NEWER_PROPERTIES, PROPERTIES, propertyName, renamedAs } from './graph.ts';
import { devicePreparationEvent, devicePreparationHasPhase, isDevicePreparationHeader } from './device-preparation.ts';

/** One event as read: property name -> value (strings, or null for an empty CSV cell). */
export type RawEvent = Record<string, unknown>;
/**
 * Where a record is, for an error found after the file is read (a date whose order only the whole export tells): in a
 * CSV the line where it starts, as a spreadsheet numbers it; in JSON its path ($.value[3], $[1].value[0] in a list of
 * pages, with the page where pages are joined one after another) and the byte where it starts, whose line is counted
 * only when the error is given (ConvertTo-Json's events run over some 30 lines; Graph's pages are one line).
 */
export interface Where {
  line?: number;
  path?: string;
  byte?: number;
  /** A CSV's columns as its header writes them, by the property each is read as, where the two differ (`DeviceSetupDuration`, PascalCase, for deviceSetupDuration). */
  columns?: ReadonlyMap<string, string>;
}
/** Called for each event, in file order; `record` counts from 1 within the file. */
export type OnEvent = (event: RawEvent, record: number, where?: Where) => void;
/** Each Graph page of a JSON export as it closes: whether it had an @odata.nextLink (Graph had a page after it). */
export type OnPage = (nextLink: boolean) => void;

const CHUNK = 1 << 20;

function checkFile(file: string): void {
  // An empty path (a shell variable left unset) read as 'autopilot-sim: : file not found'.
  if (file === '') throw new InputError('file', '', 'expected an export file\'s path, got "" (an empty one)');
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const near = code === 'ENOENT' ? bundledExportNear(file) : undefined;
    throw code === 'ENOENT' ? new InputError(file, '', `file not found${near ? `: did you mean ${near}?` : ''}`) : cannotRead(file, e);
  }
  if (!isFile) throw new InputError(file, '', 'expected an export file (JSON or CSV), got a directory or a device');
  // A file without read permission passed the stat above and failed at the first read: 'internal error: Error: EACCES'.
  try {
    closeSync(openSync(file, 'r'));
  } catch (e) {
    throw cannotRead(file, e);
  }
}

/** A file's encoding by its byte order mark: Windows PowerShell 5.1 writes UTF-16 with `>` and Out-File. */
function encodingOf(file: string): 'utf-16le' | 'utf-16be' | 'utf-8' {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(2);
    const n = readSync(fd, b, 0, 2, 0);
    if (n === 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
    if (n === 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
    return 'utf-8';
  } finally {
    closeSync(fd);
  }
}

/** Japanese as Shift-JIS writes it: kana, kanji, full-width forms. */
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/;
/** A Western European letter past ASCII, as Windows-1252 writes it. */
const WESTERN = /[À-ÖØ-öø-ÿŒœŠšŽž]/;
const ASCII_LETTER = /[A-Za-z]/;
const LETTER = /\p{L}/u;
/** A Latin letter past ASCII (Windows-1250's "ł", "ś", "ř" as Windows-1252's "é"). */
const LATIN = /(?![A-Za-z])\p{Script=Latin}/u;

/**
 * Windows-1252's bytes 0x80 to 0x9F ("€", "–", "Š", "Œ", "Ÿ"): Node 20's TextDecoder('windows-1252') reads them as
 * ISO-8859-1's control characters in a decode that does not stream (a streaming one reads them right), so ansiCodePage
 * saw no letter in "Œl¹sk" or "£ódŸ"; the five bytes Windows leaves undefined stay as they are.
 */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** A decoder for an ANSI code page, Windows-1252 as Windows writes it whatever Node's TextDecoder does with it. */
function decoderFor(page: CodePage): { decode(bytes: Uint8Array, options?: { stream?: boolean }): string } {
  const d = new TextDecoder(page);
  if (page !== 'windows-1252') return d;
  return { decode: (bytes, options) => d.decode(bytes, options).replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!) };
}

/** The ANSI code pages calibrate tells apart in a file without a byte order mark that is not UTF-8. */
export type CodePage = 'windows-1252' | 'windows-1250' | 'windows-1251' | 'shift_jis';

/**
 * Which ANSI code page a file without a byte order mark that is not UTF-8 was written in, from its first bytes past ASCII,
 * or null where calibrate cannot tell:
 * - Shift-JIS (Japanese Windows) where they read as Japanese among Japanese, spaces and punctuation more often than as
 *   Western letters beside ASCII ones in Windows-1252 ("東京" is "“Œ‹ž" there, and "Genève" is "Gen钁e" in Shift-JIS);
 * - Windows-1251 (a Russian, Ukrainian or Bulgarian Windows) where they read as words of Cyrillic letters more often than
 *   as Western letters beside ASCII ones: "Москва" is "Ìîñêâà" in Windows-1252, a run of accented letters no Western
 *   language writes, and "München" is "Mьnchen" in Windows-1251, a Cyrillic letter inside a Latin word;
 * - else Windows-1250 (a Polish, Czech or Hungarian Windows) where some of them are letters there and no letter in
 *   Windows-1252 ("Wrocław" is "Wroc³aw", "Łódź" "£ódŸ"), and none the other way round; else Windows-1252 (which
 *   Windows-1250's letters that are letters there too, "Gdańsk" as "Gdañsk", cannot be told from: alternateReading).
 */
export function ansiCodePage(bytes: Uint8Array): CodePage | null {
  const page = codePageOf(bytes);
  return Array.isArray(page) ? null : page;
}

/** ansiCodePage, with the code pages the bytes read as alike where it cannot tell. */
function codePageOf(bytes: Uint8Array): CodePage | CodePage[] {
  let japanese: string | null = null;
  try {
    japanese = new TextDecoder('shift_jis', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    // not Shift-JIS at all
  }
  const jp = japanese === null ? 0 : inPlace(japanese, JAPANESE, (a, b) => !ASCII_LETTER.test(a) && !ASCII_LETTER.test(b));
  const west = inPlace(decoderFor('windows-1252').decode(bytes), WESTERN, (a, b) => ASCII_LETTER.test(a) || ASCII_LETTER.test(b));
  // Words of three Cyrillic letters or more, not inside a Latin word ("Ìîñêâà" is "Москва"; "Mьnchen" is no Russian).
  let cyr = 0;
  for (const m of decoderFor('windows-1251').decode(bytes).matchAll(/(?<![A-Za-z])[\u0400-\u04ff]{3,}(?![A-Za-z])/g)) cyr += m[0].length;
  // Latin letters: Windows-1250 where some of its letters are none in Windows-1252, else Windows-1252.
  const [central, western] = latinOnlyIn(bytes);
  const latin = central > 0 ? Math.max(west, inPlace(decoderFor('windows-1250').decode(bytes), LATIN, (a, b) => ASCII_LETTER.test(a) || ASCII_LETTER.test(b))) : west;
  const best = Math.max(jp, latin, cyr);
  const tied = (['windows-1252', 'shift_jis', 'windows-1251'] as const).filter((_, i) => [latin, jp, cyr][i] === best);
  if (best > 0 && tied.length > 1) return tied;
  if (best > 0 && best === jp) return 'shift_jis';
  if (best > 0 && best === cyr) return 'windows-1251';
  if (central > 0 && western > 0) return ['windows-1252', 'windows-1250'];
  return central > 0 ? 'windows-1250' : 'windows-1252';
}

/**
 * How many bytes past ASCII beside a letter are a letter in Windows-1250 and none in Windows-1252 ("ł" and "³", "ą" and
 * "¹"), and how many the other way round ("ƒ", "ª" and "Ş" are letters in both).
 */
function latinOnlyIn(bytes: Uint8Array): [central: number, western: number] {
  const c = decoderFor('windows-1250').decode(bytes);
  const w = decoderFor('windows-1252').decode(bytes);
  let central = 0;
  let western = 0;
  // Both decoders map each byte to one UTF-16 unit, so the texts align character for character.
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x80) continue;
    const inCentral = LETTER.test(c[i]!) && (LETTER.test(c[i - 1] ?? '') || LETTER.test(c[i + 1] ?? ''));
    const inWestern = LETTER.test(w[i]!) && (LETTER.test(w[i - 1] ?? '') || LETTER.test(w[i + 1] ?? ''));
    if (inCentral && !LETTER.test(w[i]!)) central++;
    if (inWestern && !LETTER.test(c[i]!)) western++;
  }
  return [central, western];
}

/**
 * The letters past ASCII of the languages written in Windows-1252 (French, German, Spanish, Portuguese, Italian, Dutch,
 * Catalan, the Nordic languages) and in Windows-1250 (Polish, Czech, Slovak, Hungarian, Croatian, Slovene, Romanian,
 * Albanian), lower case: a cell reads as a language where one alphabet holds every such letter of it.
 */
const WESTERN_ALPHABETS = ['àâæçéèêëîïôœùûüÿ', 'äöüß', 'áéíóúñü', 'áâãàçéêíóôõú', 'àèéìíîòóùú', 'áéíóúàèëïöü', 'àèéíïòóúüç', 'æøåé', 'åäöé', 'áéíóúýþæöð'];
const CENTRAL_ALPHABETS = ['ąćęłńóśźż', 'áčďéěíňóřšťúůýž', 'áäčďéíĺľňóôŕšťúýž', 'áéíóöőúüű', 'čćđšž', 'ăâîşţ', 'çë'];
/** Central European letters where no language of Windows-1250 writes them: ń before a vowel (Polish writes "ni" there; "Espańa"). */
const NOT_CENTRAL = /ń[aeiouyąęó]/iu;
const inSomeAlphabet = (cell: string, alphabets: readonly string[]): boolean => {
  const letters = [...new Set([...cell.toLowerCase()].filter((ch) => ch > '\x7f' && LETTER.test(ch)))];
  return alphabets.some((a) => letters.every((ch) => a.includes(ch)));
};

/**
 * A name read in Windows-1252 whose letters past ASCII are other letters in Windows-1250 ("Autopilot Gdañsk", in
 * Windows-1250 "Autopilot Gdańsk"): the first such cell whose Windows-1250 reading is a language's letters, as the two
 * read it, or null where every letter reads alike ("Kraków", "München" are the same bytes in both) or no such cell reads
 * as one. A cell that reads as a Western language in Windows-1252 and as none in Windows-1250 ("Prêt à déployer",
 * "Pręt ŕ déployer": ę is Polish, ŕ Slovak; "España", "Espańa", whose ń no Polish word has before a vowel) tells the file is Western: then none is shown, as the French, German or
 * Spanish admin's every export had shown a Central European reading of its names that no language writes.
 */
export function alternateReading(bytes: Uint8Array): { read: string; otherwise: string } | null {
  const w = decoderFor('windows-1252').decode(bytes);
  const c = decoderFor('windows-1250').decode(bytes);
  let first: { read: string; otherwise: string } | null = null;
  const edge = /[,;\t"\r\n]/;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x80 || w[i] === c[i] || !LETTER.test(c[i]!)) continue;
    // The cell around it: between separators, quotes or line ends.
    let a = i;
    while (a > 0 && !edge.test(w[a - 1]!)) a--;
    let b = i;
    while (b < w.length - 1 && !edge.test(w[b + 1]!)) b++;
    const read = w.slice(a, b + 1).trim();
    const otherwise = c.slice(a, b + 1).trim();
    if (!inSomeAlphabet(otherwise, CENTRAL_ALPHABETS) || NOT_CENTRAL.test(otherwise)) {
      if (inSomeAlphabet(read, WESTERN_ALPHABETS)) return null;
    } else first ??= { read, otherwise };
    i = b;
  }
  return first;
}

/** How many characters of a kind stand where that kind is written: `fits(before, after)` by their neighbours. */
function inPlace(text: string, kind: RegExp, fits: (before: string, after: string) => boolean): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (kind.test(text[i]!) && fits(text[i - 1] ?? '', text[i + 1] ?? '')) n++;
  return n;
}

/** The file's bytes as UTF-8, a chunk at a time: a UTF-16 file is decoded as it streams. */
async function* utf8Chunks(file: string, onCodePage?: OnCodePage): AsyncGenerator<Buffer> {
  const encoding = encodingOf(file);
  const stream = createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>;
  if (encoding === 'utf-8') {
    // Without a byte order mark, UTF-8 unless its first bytes past ASCII are not: Excel's "CSV (semicolon delimited)" and
    // Windows PowerShell's Export-Csv -Encoding Default write the ANSI code page, Windows-1252 in Western Europe, whose
    // "München" was read "M\uFFFDnchen", so --deployment-profile "Autopilot München" matched no deployment and an ESP
    // profile's name none of its export's; Shift-JIS on a Japanese Windows, whose "Autopilot 東京本社" was then read as
    // Windows-1252, "Autopilot “Œ‹ž–{ŽÐ".
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    let ansi: { decode(bytes: Uint8Array, options?: { stream?: boolean }): string } | null = null;
    let told = false;
    for await (const chunk of stream) {
      if (ansi) yield Buffer.from(ansi.decode(chunk, { stream: true }), 'utf8');
      else if (told || isAscii(chunk)) yield chunk;
      else {
        try {
          utf8.decode(chunk, { stream: true });
          told = true;
          yield chunk;
        } catch {
          const page = codePageOf(chunk);
          if (Array.isArray(page)) {
            throw new InputError(
              file,
              '',
              `expected UTF-8 or UTF-16 text, or text in an ANSI code page calibrate can tell (${Object.values(CODE_PAGE_NAME).join(', ')}), got text without a byte order mark that is not UTF-8 and reads as ${page.map((p) => CODE_PAGE_NAME[p]).join(' and as ')} alike, so its names cannot be read; save it as UTF-8 (Export-Csv -Encoding UTF8, or Excel's "CSV UTF-8") and calibrate that file`,
            );
          }
          ansi = page === 'shift_jis' ? new TextDecoder(page) : decoderFor(page);
          onCodePage?.(page, page === 'windows-1252' ? alternateReading(chunk) : null);
          yield Buffer.from(ansi.decode(chunk, { stream: true }), 'utf8');
        }
      }
    }
    return;
  }
  const decoder = new TextDecoder(encoding); // drops the byte order mark
  for await (const chunk of stream) yield Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
  const rest = decoder.decode();
  if (rest) yield Buffer.from(rest, 'utf8');
}

/**
 * The last of Graph's properties a truncated record began, to name where the file was cut: 'record 500: the file ends
 * inside a record' named no field, and a page of a thousand events is one line. Only a documented property's name is
 * echoed, never a value.
 */
function lastProperty(partial: string): string | null {
  let last: string | null = null;
  for (const m of partial.matchAll(/"([A-Za-z][A-Za-z0-9]*)"\s*:/g)) if (KNOWN_PROPERTIES.has(m[1]!)) last = m[1]!;
  return last;
}
const KNOWN_PROPERTIES: ReadonlySet<string> = new Set<string>([...PROPERTIES, ...NEWER_PROPERTIES]);

/**
 * Which reader a file needs: by its first non-blank character where that tells (JSON opens with { or [; a CSV with its
 * header's first name, a quote, or the #TYPE and sep= lines), else by extension. Export-Csv to a file named .json (or
 * ConvertTo-Json into one named .csv) was read by its name: 'expected a Graph page { "value": [ events ] } (byte 0)'.
 */
export function formatOf(file: string, firstByte: number | undefined): 'json' | 'csv' {
  if (firstByte === 0x7b || firstByte === 0x5b) return 'json';
  if (firstByte !== undefined && /[A-Za-z"#]/.test(String.fromCharCode(firstByte))) return 'csv';
  return /\.json$/i.test(file) ? 'json' : 'csv';
}

/**
 * A zip archive where an export was expected: the admin center's reports download zipped (the device preparation
 * deployments report's CSV inside), and Excel saves a workbook (.xlsx) as one. Read as CSV, the archive's bytes said
 * 'expected as many cells as the header has columns', which sent the admin looking for a bad row.
 */
function archiveProblem(file: string): string | null {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(4);
    if (readSync(fd, b, 0, 4, 0) < 4 || b.readUInt32BE(0) !== 0x504b0304) return null;
  } finally {
    closeSync(fd);
  }
  return /\.xlsx$/i.test(file)
    ? 'expected a CSV or JSON export, got an Excel workbook (.xlsx): save it as CSV (File > Save As > CSV UTF-8) and calibrate that file'
    : 'expected a CSV or JSON export, got a zip archive (the Intune admin center downloads a report zipped): extract the CSV in it and calibrate that file';
}

/** Read every event of one export file. */
/**
 * Where a missing column or property may be in the file under another name (graph.ts renamedAs): '; the header has
 * "deviceSetupDurationInMinutes", which calibrate does not read: if it is deviceSetupDuration under another name, ...', or ''.
 */
export function renamedNote(missing: ReadonlyArray<readonly [string, string]>, names: Iterable<string>, kind: 'column' | 'property'): string {
  const pairs = missing.flatMap(([k]) => {
    const n = renamedAs(k, names);
    return n === undefined ? [] : [[k, n] as const];
  });
  if (pairs.length === 0) return '';
  const where = kind === 'column' ? 'the header has' : 'its records have';
  const durations = pairs.some(([k]) => /Duration$/.test(k)) ? ', its durations as Graph writes them (ISO 8601, or a TimeSpan)' : '';
  return `; ${where} ${pairs.map(([, n]) => `"${n}"`).join(', ')}, which calibrate does not read: if ${pairs.length === 1 ? 'it is' : 'they are'} ${pairs.map(([k]) => k).join(', ')} under another name (a ${kind} renamed by Microsoft or by a tool), rename ${pairs.length === 1 ? `it ${pairs[0]![0]}` : 'each to the name Graph documents'}${durations}, and calibrate that file`;
}

/** The ANSI code page a file without a byte order mark that is not UTF-8 was read in (utf8Chunks). */
export type OnCodePage = (codePage: CodePage, otherwise: { read: string; otherwise: string } | null) => void;

/** The code pages' names, as Windows names them. */
export const CODE_PAGE_NAME: Record<CodePage, string> = { 'windows-1252': 'Windows-1252', 'windows-1250': 'Windows-1250', 'windows-1251': 'Windows-1251', shift_jis: 'Shift-JIS' };

/** A total or summary line below a CSV's deployment rows (Excel's Total Row, a count typed under the data), skipped: its line. */
export type OnTotalLine = (line: number) => void;

export async function readExport(file: string, onEvent: OnEvent, onPage?: OnPage, onCodePage?: OnCodePage, onTotalLine?: OnTotalLine): Promise<number> {
  checkFile(file);
  const archive = archiveProblem(file);
  if (archive) throw new InputError(file, '', archive);
  const text = head(file, 512).trimStart();
  // A web page saved in place of Graph's answer (a sign-in page, a proxy's error): it read as a malformed JSON or CSV.
  if (text.startsWith('<')) throw new InputError(file, '', `expected a CSV or JSON export, got HTML or XML (a web page, such as a sign-in or proxy error page, saved in place of Graph's answer): ${WHAT_TO_EXPORT}`);
  return formatOf(file, text === '' ? undefined : text.charCodeAt(0)) === 'json' ? readJson(file, onEvent, onPage, onCodePage) : readCsv(file, onEvent, onCodePage, onTotalLine);
}

// ── JSON ────────────────────────────────────────────────────────────────────────────────────
// A framing scanner, not a parser: it finds where each event object of the `value` array (or of
// a bare array) starts and ends, tracking strings and nesting, and hands that slice to
// JSON.parse. Memory holds one record at a time, however many pages or events the file has.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** A field's error in a JSON record, with where the record starts: its line is counted only when needed. */
class RecordError {
  constructor(
    readonly error: InputError,
    readonly at: number,
    /** The record's path where the file holds several pages (Where.path). */
    readonly path?: string,
  ) {}
}

/** A record's field as an error names it, with the record's path where there is one: 'record 203 ($[1].value[2]): deploymentState'. */
export const recordField = (field: string, path: string | undefined): string => (path ? field.replace(/^record (\d+)/, `record $1 (${path})`) : field);

/**
 * A record's field as the file's header writes it ('record 3: DeviceSetupDuration' where Export-Csv of the SDK's objects
 * wrote the column so): the user reads their own header, and 'deviceSetupDuration' sent them looking for a column their
 * file does not have by that name. As is where the header has the property's own name, or in JSON.
 */
export const asWritten = (field: string, columns: ReadonlyMap<string, string> | undefined): string =>
  columns?.size ? field.replace(/^(record \d+(?: \([^)]*\))?: )([A-Za-z]\w*)/, (m, at: string, name: string) => at + (columns.get(name) ?? name)) : field;

/** The line (from 1) holding byte `at` of the file as read (UTF-8). */
export async function lineAt(file: string, at: number): Promise<number> {
  let line = 1;
  let seen = 0;
  for await (const chunk of utf8Chunks(file)) {
    const end = Math.min(chunk.length, at - seen);
    for (let i = chunk.indexOf(0x0a); i >= 0 && i < end; i = chunk.indexOf(0x0a, i + 1)) line++;
    seen += chunk.length;
    if (seen >= at) break;
  }
  return line;
}

/**
 * Read every event of a JSON export. A field's error names the line where its record starts too
 * (past the first): PowerShell's ConvertTo-Json writes an event over some 30 lines, so 'record 41'
 * alone sent the admin counting.
 */
export async function readJson(file: string, onEvent: OnEvent, onPage?: OnPage, onCodePage?: OnCodePage): Promise<number> {
  try {
    return await scanJson(file, onEvent, onPage, onCodePage);
  } catch (e) {
    if (!(e instanceof RecordError)) throw e;
    // Graph's own pages are one line each: line 1 would say nothing the record does not.
    const line = await lineAt(file, e.at);
    throw new InputError(file, recordField(e.error.field, e.path), e.error.expected, line > 1 ? line : undefined);
  }
}

/** What to do about a page missing from a list of pages (scanJson). */
const RECOLLECT = 'collect the pages again, following each @odata.nextLink until a page has none (Get-MgBetaDeviceManagementAutopilotEvent -All does), and calibrate that file';

async function scanJson(file: string, onEvent: OnEvent, onPage?: OnPage, onCodePage?: OnCodePage): Promise<number> {
  // Nesting: containers[i] is '{' or '['; the events array sits at eventsDepth, and a page's keys at pageDepth: 1 for a
  // page at the top, 2 for pages in a list (PowerShell's `$pages | ConvertTo-Json -Depth 10`, each response of a loop
  // over @odata.nextLink collected), which the list's first element tells (probing): an event, or a page of events.
  const containers: number[] = [];
  let eventsDepth = -1;
  let pageDepth = 1;
  let probing = false;
  let inString = false;
  let escaped = false;
  let keyBytes: number[] | null = null; // the key being read at depth 1 of a page
  let lastKey = '';
  let record = 0;
  let pages = 0;
  let recordStart = -1; // offset in the current chunk where the open record starts
  let recordAt = 0; // offset in the file where the open record starts, for a field's error
  let carry: Buffer[] = []; // earlier chunks of the open record
  let sawValue = false;
  let sawError = false; // a key "error" in a page: Graph's error response saved in place of a page
  // "value" holding an object where Graph writes a list: PowerShell unrolls a list of one (@{ value = $events } with one
  // event). It was refused as 'expected a Graph page ... or a list of events', not saying what the file held.
  let valueObject = false;
  let sawNextLink = false; // a key "@odata.nextLink" in the page being read: Graph has a page after it
  // In a list of pages, whether the element being read has its "value" list: an element without one (null, Graph's error
  // response, "value" as an object) was skipped with nothing said, its page's events missing from the twin.
  let elementValue = false;
  // An object at the top that is one event, not a page: Graph's answer to GET autopilotEvents/{id}, and PowerShell's
  // ConvertTo-Json of a list holding one event (it writes the event alone, not a list of one). Its bytes are kept until
  // its "value" list shows it is a page; it is read as an event where it has an event's properties.
  let topStart = -1; // offset in the current chunk where the top object starts, while it may be an event
  let topAt = 0;
  let topCarry: Buffer[] = [];
  let sawEventKey = false;
  let bom = true;
  let offset = 0; // bytes before this chunk, for errors
  // The open record's place, for its path: the element of a list of pages it is in, and its index in its events array.
  let element = -1;
  let index = -1;
  // Only where the file holds several pages: in one page (or one list of events) the record's number is its place.
  const path = (): string | undefined => {
    // Events one after another, each an object at the top: the record's number is its place.
    if (eventsDepth < 0) return undefined;
    const at = eventsDepth === 1 ? `$[${index}]` : pageDepth === 2 ? `$[${element}].value[${index}]` : `$.value[${index}]`;
    // Pages joined one after another (saved apart, then concatenated) are JSON values of their own: the path is within one.
    return pages > 1 ? `page ${pages}, ${at}` : pageDepth === 2 ? at : undefined;
  };

  const fail = (field: string, expected: string): never => {
    throw new InputError(file, field, expected);
  };
  const emit = (bytes: Buffer) => {
    record++;
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch (e) {
      fail(`record ${record}`, `expected a valid JSON object (${jsonProblem((e as Error).message)})`);
    }
    try {
      onEvent(value as RawEvent, record, { path: path(), byte: recordAt });
    } catch (e) {
      if (e instanceof InputError && e.file === file && e.line === undefined) throw new RecordError(e, recordAt, path());
      throw e;
    }
  };

  for await (const chunk of utf8Chunks(file, onCodePage)) {
    let i = 0;
    if (bom && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    bom = false;
    const n = chunk.length;
    for (; i < n; i++) {
      const b = chunk[i]!;
      if (inString) {
        if (escaped) {
          escaped = false;
          continue;
        }
        if (!keyBytes) {
          // Jump to the closing quote (strings are most of an export's bytes): the next quote not
          // escaped by an odd run of backslashes. Escapes were consumed up to i.
          let q = chunk.indexOf(QUOTE, i);
          for (;;) {
            const end = q < 0 ? n : q;
            let k = end - 1;
            while (k >= i && chunk[k] === BACKSLASH) k--;
            const odd = (end - 1 - k) % 2 === 1;
            if (q < 0) {
              escaped = odd; // the chunk ends inside the string, maybe after a backslash
              i = n;
              break;
            }
            if (!odd) break;
            q = chunk.indexOf(QUOTE, q + 1);
          }
          if (i >= n) continue;
          i = q;
        }
        const c = chunk[i]!;
        if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (keyBytes) {
            lastKey = Buffer.from(keyBytes).toString('utf8');
            if (lastKey === 'error') sawError = true;
            if (lastKey === '@odata.nextLink') sawNextLink = true;
            if (containers.length === 1 && /^(?:enrollmentType|deploymentState)$/i.test(lastKey)) sawEventKey = true;
            keyBytes = null;
          }
        } else if (keyBytes && keyBytes.length < 64) keyBytes.push(c);
        continue;
      }
      if (b === QUOTE) {
        // ConvertTo-Json writes what lies deeper than its -Depth as text ("System.Collections.Hashtable", "@{id=...}"):
        // pages in a list put their events at depth 3, beyond its default 2. The text is not echoed: it holds identifiers.
        if (containers.length === eventsDepth) fail(`record ${record + 1}`, 'expected an event object { ... }, got text: PowerShell\'s ConvertTo-Json writes what lies deeper than its -Depth (2 unless given) as text; convert again with ConvertTo-Json -Depth 10');
        inString = true;
        // A key (or a string value) directly inside a page object, or inside a list's first element.
        if ((eventsDepth < 0 && containers.length === pageDepth && containers[pageDepth - 1] === OPEN_OBJ) || (probing && containers.length === 2)) keyBytes = [];
        continue;
      }
      if (b === OPEN_OBJ || b === OPEN_ARR) {
        const depth = containers.length;
        if (depth === 1 && containers[0] === OPEN_ARR) {
          element++;
          if (pageDepth === 2) {
            if (b !== OPEN_OBJ) fail(`page ${element + 1} ($[${element}])`, `expected a Graph page { "value": [ events ] }, got a list [ ... ] where the list of pages has a page`);
            elementValue = false;
            sawError = false;
            valueObject = false;
          }
        }
        if (depth === 0) {
          pages++;
          if (b === OPEN_ARR) {
            eventsDepth = 1;
            sawValue = true;
            index = -1;
            element = -1;
          } else {
            topStart = i;
            topAt = offset + i;
          }
        } else if (depth === pageDepth && eventsDepth < 0 && b === OPEN_ARR && lastKey === 'value' && containers[depth - 1] === OPEN_OBJ) {
          eventsDepth = depth + 1;
          sawValue = true;
          elementValue = true;
          index = -1;
          topStart = -1; // a page: its events are read one by one
          topCarry = [];
        } else if (probing && depth === 2 && b === OPEN_ARR && lastKey === 'value') {
          // The list's first element is a page: the list is of pages, their events one level down.
          probing = false;
          pageDepth = 2;
          eventsDepth = 3;
          elementValue = true;
          recordStart = -1;
          carry = [];
          index = -1;
        } else if (depth === pageDepth && eventsDepth < 0 && b === OPEN_OBJ && lastKey === 'value' && containers[depth - 1] === OPEN_OBJ) {
          valueObject = true;
        } else if (depth === eventsDepth) {
          if (b !== OPEN_OBJ) fail(`record ${record + 1}`, 'expected an event object { ... }, got a list');
          recordStart = i;
          recordAt = offset + i;
          index++;
          if (depth === 1 && record === 0) {
            probing = true;
            lastKey = '';
          }
        }
        containers.push(b);
        continue;
      }
      if (b === CLOSE_OBJ || b === CLOSE_ARR) {
        const open = containers.pop();
        if (open === undefined || (open === OPEN_OBJ) !== (b === CLOSE_OBJ)) fail(pages ? `record ${record + 1}` : '', `expected valid JSON (unbalanced ${String.fromCharCode(b)} at byte ${offset + i})`);
        const depth = containers.length;
        if (depth === eventsDepth && recordStart >= 0) {
          const piece = chunk.subarray(recordStart, i + 1);
          emit(carry.length ? Buffer.concat([...carry, piece]) : piece);
          carry = [];
          recordStart = -1;
          probing = false;
        } else if (depth === eventsDepth - 1) {
          eventsDepth = -1; // the events array closed; the page may go on (@odata.nextLink)
        }
        // A page of a list of pages closed without its events: said, as the twin would lack them.
        if (b === CLOSE_OBJ && depth === 1 && pageDepth === 2 && !elementValue) fail(`page ${element + 1} ($[${element}])`, `expected a Graph page { "value": [ events ] }, got ${sawError ? `Graph's error response { "error": ... }: a request of the loop that collected the pages failed (throttled, 429 TooManyRequests, or its token expired) and was kept in their place` : valueObject ? '"value": { ... }, an object where Graph writes a list [ ... ] (PowerShell unrolls a list of one event: write @{ value = @($events) })' : 'an object without "value"'}, so the events of that page are missing: ${RECOLLECT}`);
        // A page closed (at the top, or in a list of pages): whether Graph had one after it.
        if (b === CLOSE_OBJ && depth === pageDepth - 1 && sawValue) {
          onPage?.(sawNextLink);
          sawNextLink = false;
        }
        if (depth === 0 && !sawValue && !sawError && sawEventKey && topStart >= 0) {
          // One event alone at the top: read as a record of its own.
          const piece = chunk.subarray(topStart, i + 1);
          recordAt = topAt;
          emit(topCarry.length ? Buffer.concat([...topCarry, piece]) : piece);
          sawValue = true;
        }
        if (depth === 0) {
          topStart = -1;
          topCarry = [];
          sawEventKey = false;
          if (!sawValue) {
            if (sawError) fail('', `expected a Graph page { "value": [ events ] }, got Graph's error response { "error": ... }: the request failed (its message says why: often a missing permission, DeviceManagementManagedDevices.Read.All, or an expired token); ${WHAT_TO_EXPORT}`);
            if (valueObject) fail('', 'expected a Graph page { "value": [ events ] }, got "value": { ... }, an object where Graph writes a list [ ... ]: as PowerShell builds it from one event ($events holds the event alone, not a list of one, in @{ value = $events }); write @{ value = @($events) } and calibrate that file');
            fail('', 'expected a Graph page { "value": [ events ] } or a list of events');
          }
          eventsDepth = -1;
          sawValue = false;
          sawError = false;
          valueObject = false;
          lastKey = '';
        }
        continue;
      }
      if (containers.length === eventsDepth && !isSpace(b) && b !== 0x2c) fail(`record ${record + 1}`, `expected an event object { ... }, got ${JSON.stringify(String.fromCharCode(b))}`);
      // null (or another value) where a list of pages has a page: a request of the loop gave nothing, its error caught.
      if (containers.length === 1 && pageDepth === 2 && !isSpace(b) && b !== 0x2c) fail(`page ${element + 2} ($[${element + 1}])`, `expected a Graph page { "value": [ events ] }, got ${b === 0x6e ? 'null' : 'a value that is not an object'}: a request of the loop that collected the pages gave nothing (a failed or throttled request whose error was caught), so the events of that page are missing: ${RECOLLECT}`);
      // Between pages: blanks, and the byte order mark of each page when pages saved apart were joined (cmd's type, cat).
      if (containers.length === 0 && !isSpace(b) && b !== 0xef && b !== 0xbb && b !== 0xbf) {
        // Text after the JSON (a note or a console's prompt saved with it) read 'expected a Graph page ... or a list of
        // events', as if the file held none. The text is not echoed: it may hold identifiers.
        if (pages > 0) fail('', `expected the end of the file (or another Graph page) after the JSON, got other text at byte ${offset + i}: something written after it (a note, a console's output saved with it); delete it and calibrate that file`);
        fail('', `expected a Graph page { "value": [ events ] } or a list of events (byte ${offset + i})`);
      }
    }
    if (topStart >= 0) {
      topCarry.push(Buffer.from(chunk.subarray(topStart)));
      topStart = 0;
      // Larger than any event: a page whose "value" comes late, no longer kept.
      if (topCarry.reduce((a, c) => a + c.length, 0) > 16 * CHUNK) {
        topStart = -1;
        topCarry = [];
      }
    }
    if (recordStart >= 0) {
      carry.push(Buffer.from(chunk.subarray(recordStart)));
      recordStart = 0;
      if (carry.reduce((a, c) => a + c.length, 0) > 16 * CHUNK) fail(`record ${record + 1}`, 'expected an event of at most 16 MB');
    }
    offset += n;
  }
  // Cut between two records or two pages: no record is cut, and 'record 108001: the file ends inside a record' named one
  // that does not exist (a list of pages cut after its page 108).
  if (containers.length > 0 && !inString && recordStart < 0 && carry.length === 0 && record > 0 && (pageDepth === 2 || eventsDepth > 0)) {
    const where = containers.length === 1 && pageDepth === 2 ? `after page ${element + 1} of the list of pages, before its closing ]` : `after record ${record}, before ${eventsDepth > 0 ? 'its list of events closes' : 'its page closes'}`;
    fail(pageDepth === 2 ? `page ${element + 1} ($[${element}])` : '', `the file ends ${where} (truncated?): the events after it are missing; save the whole export and calibrate that file`);
  }
  if (containers.length > 0 || inString) {
    const at = record || recordStart >= 0 || carry.length ? `record ${record + 1}` : '';
    const cut = at ? lastProperty(Buffer.concat(carry.length ? carry : topCarry).toString('utf8')) : null;
    const error = new InputError(file, cut ? `${at}: ${cut}` : at, cut ? 'the file ends inside the record, at this property or just after it (truncated?)' : 'the file ends inside a record (truncated?)');
    // The line where the cut record starts, as a field's error names it (ConvertTo-Json's events run over 30 lines each).
    throw at && (carry.length || recordStart >= 0) ? new RecordError(error, recordAt, path()) : error;
  }
  if (pages === 0) fail('', 'expected a Graph page { "value": [ events ] } or a list of events, got an empty file');
  return record;
}

/**
 * A JSON.parse message without the text it quotes: Node's names the token and shows the record
 * around it ('Unexpected token 'j', ..."ipalName":john.secre"... is not valid JSON'), which can
 * hold an identifier.
 */
export function jsonProblem(message: string): string {
  return message.replace(/,\s*(?:\.\.\.)?".*$/s, '').replace(/ in JSON at position \d+.*$/s, '').replace(/ is not valid JSON.*$/s, '').slice(0, 80);
}

/**
 * What is wrong with a CSV, by the parser's error code: its messages quote the cell ('value is
 * "CONTOSO "'), which can hold an identifier. A column is named only when it is a Graph property.
 */
export function csvProblem(err: { code?: string; column?: unknown }, columns?: ReadonlyMap<string, string>): string {
  const column = typeof err.column === 'string' && (PROPERTIES as readonly string[]).includes(err.column) ? ` in column ${columns?.get(err.column) ?? err.column}` : '';
  switch (err.code) {
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_OPENING_QUOTE':
      return `a quote inside a cell that does not start with one${column}: a cell holding quotes is quoted whole, its quotes doubled`;
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `text after a cell's closing quote${column}: a cell holding quotes is quoted whole, its quotes doubled`;
    case 'CSV_QUOTE_NOT_CLOSED':
      // Named by its column where it is a Graph property: a file cut off mid-cell (a copy or a download stopped early).
      return `a quoted cell is never closed${column}: the file ends inside it, truncated?`;
    default:
      return `a malformed line${err.code ? ` (${err.code})` : ''}`;
  }
}

// ── CSV ─────────────────────────────────────────────────────────────────────────────────────

/** The head of a file, as text without a BOM: enough for its first lines. */
function head(file: string, bytes = 64 * 1024): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return new TextDecoder(encodingOf(file)).decode(buf.subarray(0, n)).replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
}

/**
 * How a CSV is laid out, from its first lines: Windows PowerShell's Export-Csv writes a
 * "#TYPE System.Management.Automation.PSCustomObject" line above the header, Excel a "sep=;" line,
 * and a PowerShell or Excel on a German or French Windows (-UseCulture) separates with semicolons.
 */
export function csvLayout(text: string): { skipLines: number; delimiter: string } {
  const lines = text.split(/\r?\n/, 3);
  let skipLines = 0;
  let delimiter: string | null = null;
  if (/^#TYPE\b/i.test(lines[0] ?? '')) skipLines = 1;
  else {
    const sep = /^"?sep=(.)"?\s*$/i.exec(lines[0] ?? '');
    if (sep) {
      skipLines = 1;
      delimiter = sep[1]!;
    }
  }
  if (!delimiter) {
    // The header's separator: the most frequent of comma, semicolon and tab outside quotes.
    const header = (lines[skipLines] ?? '').replace(/"[^"]*"/g, '');
    const count = (c: string) => header.split(c).length - 1;
    delimiter = [',', ';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
  }
  return { skipLines, delimiter };
}

/** What to export instead, for a file that is not the Graph records. */
export const WHAT_TO_EXPORT =
  'export GET https://graph.microsoft.com/beta/deviceManagement/autopilotEvents (every page, as the JSON Graph returns, from Graph Explorer or Invoke-MgGraphRequest), or Get-MgBetaDeviceManagementAutopilotEvent -All | Export-Csv';

/**
 * Column names of the Intune admin center's Autopilot deployments report (Devices > Monitor),
 * lower case: its export has display names as columns, not the Graph properties.
 */
const REPORT_COLUMNS = new Set(['device', 'device name', 'serial number', 'user', 'enrollment date', 'deployment status', 'deployment duration', 'deployment profile', 'enrollment status page', 'enrollment type', 'device setup', 'account setup', 'device setup status', 'account setup status', 'os version', 'device model']);

/**
 * Columns only the Windows Autopilot device preparation deployments report has (Devices > Monitor;
 * memdocs autopilot/device-preparation/reporting-monitoring.md: Device name, Enrollment date,
 * Deployment status, Phase, Serial number, Deployment time, UPN).
 */
const DEVICE_PREPARATION_COLUMNS = new Set(['phase', 'deployment time', 'upn']);

/**
 * The Autopilot deployments report's columns (REPORT_COLUMNS) that the device preparation report has not, in a header:
 * with one of them, a Deployment time and a Deployment status beside it are the classic report's (or a column added in
 * Excel), not the device preparation report's. Such a file was read as the device preparation report and refused for
 * its Phase column, or its rows read as device preparation deployments.
 */
function classicReportColumns(header: readonly string[]): string[] {
  return header.filter((h) => REPORT_COLUMNS.has(h.trim().toLowerCase()) && !/^(device|device name|serial number|user|enrollment date|deployment status)$/i.test(h.trim()));
}

/** Why a CSV header is not the Graph records', and what to export instead. Echoes only the reports' known column names. */
function headerProblem(header: string[]): string {
  // Windows PowerShell's Export-Csv of Invoke-MgGraphRequest's events, each a hashtable: a hashtable's own properties.
  const lower = new Set(header.map((h) => h.toLowerCase()));
  if (['keys', 'values', 'syncroot'].every((h) => lower.has(h))) {
    return 'expected the events\' properties as columns, got a PowerShell hashtable\'s own (IsReadOnly, Keys, Values, SyncRoot, Count): Export-Csv writes those for the hashtables Invoke-MgGraphRequest returns; save the events as JSON ($events | ConvertTo-Json -Depth 10 | Out-File autopilotEvents.json), or make each an object first ($events | ForEach-Object { [pscustomobject]$_ } | Export-Csv autopilotEvents.csv), and calibrate that file';
  }
  // The deployment profiles exported as CSV (Get-MgBetaDeviceManagementWindowsAutopilotDeploymentProfile | Export-Csv): its
  // OOBE settings are an object, which Export-Csv writes as its type's name. Read as JSON (deployment-profile.ts).
  if (lower.has('outofboxexperiencesettings') || lower.has('outofboxexperiencesetting')) {
    return 'this looks like the Autopilot deployment profiles (deviceManagement/windowsAutopilotDeploymentProfiles) as CSV, whose OOBE settings (hidden pages, user account type) Export-Csv writes as text: export them as JSON (GET https://graph.microsoft.com/beta/deviceManagement/windowsAutopilotDeploymentProfiles as Graph returns it, or ConvertTo-Json -Depth 10) and calibrate that file beside the records';
  }
  const known = header.filter((h) => REPORT_COLUMNS.has(h.toLowerCase()) || DEVICE_PREPARATION_COLUMNS.has(h.toLowerCase()));
  if (known.length >= 2 && header.some((h) => DEVICE_PREPARATION_COLUMNS.has(h.toLowerCase())) && classicReportColumns(header).length === 0) {
    // Only "Phase" and "UPN" known, beside columns that are not: the names a German or French report shares with the English one.
    if (known.every((h) => /^(phase|upn)$/i.test(h)) && header.length >= 5) {
      return `this looks like the Intune admin center's Windows Autopilot device preparation deployments report exported in another language ("Phase", "UPN" and ${header.length - known.length} columns not named in English): calibrate reads its English column names and statuses (Deployment status, Deployment time; Success, Failed, In progress); set the admin center's language to English (Settings > Language and region) and export the report again`;
    }
    return `this looks like the Intune admin center's Windows Autopilot device preparation deployments report (${known.slice(0, 4).map((h) => `"${h}"`).join(', ')}), without its Deployment status and Deployment time columns, which calibrate reads: export the report again with every column`;
  }
  if (known.length >= 2) {
    return `this looks like the Intune admin center's Autopilot deployments report (${known.slice(0, 4).map((h) => `"${h}"`).join(', ')}: display names as columns); calibrate reads the deployment records themselves, with Graph's property names: ${WHAT_TO_EXPORT}`;
  }
  return `expected the Graph property names as columns (enrollmentType, deploymentState, deviceSetupDuration...), or the Windows Autopilot device preparation deployments report's (Deployment status, Deployment time...): ${WHAT_TO_EXPORT}`;
}

/**
 * Columns of the Autopilot deployments report exported through Graph (exportJobs, AutopilotV1DeploymentStatus; memdocs
 * intune/fundamentals/reports-export-graph-available-reports.md) that autopilotEvents has not, lower case.
 */
const AUTOPILOT_V1_COLUMNS = new Set(['enrollmentmethod', 'usersetupstatus', 'esppolicyname', 'esppolicyid', 'failurereason', 'espdevicesetupfailuredetails', 'espusersetupfailuredetails', 'autopilotprofilename', 'deploymentstate_loc']);

/**
 * A row that is a header again: two exports joined into one file (Get-Content a.csv, b.csv > c.csv; copy a.csv+b.csv;
 * pasted below in Excel), whose second #TYPE line or header was read as an event: 'deviceSetupDuration: expected an ISO
 * 8601 duration, got "deviceSetupDuration"', or, the second export having a column the first had not (Intune added
 * targetedAppCount), 'got 14 cells: a separator inside a cell that is not quoted'. What to say of it, or null.
 */
function headerAgain(cells: readonly string[], header: readonly string[]): string | null {
  const first = cells[0]?.trim() ?? '';
  if (/^#TYPE\b/i.test(first) || /^sep=.?$/i.test(first)) return `expected an event, got ${first.startsWith('#') ? "Export-Csv's #TYPE line" : "Excel's sep= line"} again, and a header below it: ${JOINED}`;
  const names = cells.map((c) => c.trim()).filter((c) => KNOWN_PROPERTIES.has(propertyName(c)));
  if (names.length < 3) return null;
  const added = names.filter((c) => !header.includes(propertyName(c)));
  return `expected an event, got the header line again (${names.length} of its cells name properties${added.length ? `, and ${added.join(', ')} a column the header above has not, as a newer export writes` : ''}): ${JOINED}`;
}
const JOINED = 'two exports joined into one file (Get-Content a.csv, b.csv > c.csv, copy a.csv+b.csv, or pasted below in Excel); give each export as a file of its own (calibrate a.csv b.csv), and a deployment in both is counted once';

/**
 * A row with more or fewer cells than the header has columns: the column it stops before (a row cut short, as a
 * truncated file's last one is), or how many cells it has too many (a separator inside a cell not quoted). It said
 * only 'expected as many cells as the header has columns', and the admin looked through 25 columns for the one missing.
 */
function cellCount(columns: ReadonlyArray<{ name?: string }>, cells: number | undefined, firstRow = false): [field: string, why: string] {
  const n = columns.length;
  if (cells === undefined || n === 0) return ['', 'expected as many cells as the header has columns'];
  if (cells < n) {
    const after = n - cells - 1;
    return [columns[cells]!.name ?? '', `expected a cell in each of the header's ${n} columns, got ${cells}: the row ends before this column${after ? ` and the ${after} after it` : ''} (the file cut short, or a line break inside a cell that is not quoted)`];
  }
  // The first row too long: as likely a header with a name deleted (a header cell cleared in Excel, a column name cut from
  // the header line), which every row then overruns; it was said to be a separator inside a cell alone.
  return ['', `expected a cell in each of the header's ${n} columns, got ${cells}: ${cells - n} more than the header names (a separator inside a cell that is not quoted${firstRow ? `; or, as the first row has ${cells - n === 1 ? 'it' : 'them'}, the header lost ${cells - n === 1 ? 'a column\'s name' : 'columns\' names'} (a name deleted from the header line): export again` : ''})`];
}

/**
 * A row that looks like a footer or total line Excel adds below the data (a Total row, a sum or count), not an event:
 * it was reported as a row cut short, naming the column it stopped before, and the admin looked for a cut in the export.
 * Its cells are not echoed.
 */
function footerRow(cells: readonly unknown[]): string | null {
  const filled = cells.map((c) => String(c ?? '').trim()).filter((c) => c !== '');
  if (filled.length === 0) return null;
  const label = /^(?:grand\s+)?(?:total|totals|sum|count|subtotal|summe|gesamt|insgesamt|ergebnis|totaal|totale|somme|suma|итого|итог|всего|razem|合計|総計|集計)(?![\p{L}\p{N}_-])/iu;
  const number = /^[-+]?[\d\s.,']+%?$/;
  if (!label.test(filled[0]!) && !filled.every((c) => number.test(c))) return null;
  return `expected an event, got a row of ${filled.length} filled cell${filled.length === 1 ? '' : 's'} that looks like a footer or total line (${label.test(filled[0]!) ? 'its first cell a total\'s label' : 'numbers alone'}), as Excel adds below the data: not an event; delete it and calibrate that file`;
}

export async function readCsv(file: string, onEvent: OnEvent, onCodePage?: OnCodePage, onTotalLine?: OnTotalLine): Promise<number> {
  let record = 0;
  const { skipLines, delimiter } = csvLayout(head(file));
  // The header's own spelling of each property it names otherwise, for the errors (asWritten).
  const columns = new Map<string, string>();
  const property = (h: string) => {
    const name = propertyName(h.trim());
    if (name !== h.trim()) columns.set(name, h.trim());
    return name;
  };
  // A property named by two columns (a column added in Excel under a name the export has, two exports' columns pasted side
  // by side, DeploymentState beside deploymentState): the parser kept the last one's cell in every row and the first was
  // never read, so a column of successes typed over the outcomes made every failure a success, exit 0.
  let headerNames: string[] = [];
  const header = (cells: string[]) => {
    const names = cells.map(property);
    headerNames = names;
    const first = new Map<string, number>();
    names.forEach((name, i) => {
      if (!KNOWN_PROPERTIES.has(name)) return;
      const j = first.get(name);
      if (j === undefined) return void first.set(name, i);
      throw new InputError(file, 'header', `expected each property once as a column, got ${name} twice: column ${j + 1} (${JSON.stringify(cells[j]!.trim())}) and column ${i + 1} (${JSON.stringify(cells[i]!.trim())}), and a row's outcome or duration cannot be read from two cells that may differ; delete one of them (or export again) and calibrate that file`);
    });
    return names;
  };
  const source = Readable.from(utf8Chunks(file, onCodePage), { objectMode: false });
  const parser = source.pipe(
    // Lines end in CRLF or LF, not necessarily the same in one file (a #TYPE or sep= line added by hand, exports appended
    // from two systems): the parser took the first line's ending for all, and read the next line's CR as text after a quote.
    // A row with fewer cells passes (relax_column_count_less) so that a short total line below the data ("Total;812") is
    // skipped as one; any other short row is refused below, as the parser had refused it.
    parseCsv({ columns: header, bom: true, skip_empty_lines: true, relax_quotes: false, relax_column_count_less: true, cast: false, delimiter, from_line: skipLines + 1, record_delimiter: ['\r\n', '\n', '\r'], info: true }),
  );
  // pipe() forwards no error: the reader's own (an encoding it cannot tell) was unhandled and the parser waited forever.
  source.on('error', (e) => parser.destroy(e));
  // The parser counts a CRLF inside a quoted cell as two lines (CR and LF are both record delimiters
  // here), so the line of a record is its count less those, less the record's own line breaks.
  let crlfInCells = 0;
  // The device preparation deployments report (its display names as columns): read as such (./device-preparation.ts).
  let devicePreparation = false;
  let espProfiles = false;
  let caller: unknown; // what onEvent threw
  // A file whose only rows are total or summary lines (Excel's Total Row, a report's count): beside another export it was
  // counted as one unusable event and the twin written, exit 0; alone it was said to be another Graph resource.
  let deploymentRows = 0;
  let total: { record: number; line: number } | undefined;
  try {
    let shortRows = 0;
    for await (const { record: row, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; invalid_field_length: number } }>) {
      const short = info.invalid_field_length > shortRows;
      shortRows = info.invalid_field_length;
      // A row of separators alone (";;;;"): Excel saves one for each row once used below the data. No event, as a blank line is none.
      let blank = true;
      for (const k in row) if (row[k] !== '') blank = false;
      if (blank) continue;
      record++;
      if (record > 1) {
        const again = headerAgain(Object.values(row), headerNames);
        if (again) throw new InputError(file, `record ${record}`, again, info.lines - crlfInCells);
      }
      // A total or summary line below deployment rows (Excel's Total Row, a count typed under the data): skipped and said so
      // (onTotalLine). It was counted as one event not used, 'enrollment type missing', or, as a row shorter than the
      // header or with a sum under a duration, refused (exit 2) though every deployment above it was readable.
      if (!espProfiles && deploymentRows > 0 && footerRow(Object.values(row))) {
        onTotalLine?.(info.lines - crlfInCells);
        continue;
      }
      if (short) {
        const cells = Object.keys(row).length;
        const footer = footerRow(Object.values(row));
        if (footer) throw new InputError(file, `record ${record}`, footer, info.lines - crlfInCells);
        const [field, why] = cellCount(headerNames.map((name) => ({ name })), cells);
        throw new InputError(file, field ? `record ${record}: ${columns.get(field) ?? field}` : `record ${record}`, why, info.lines - crlfInCells);
      }
      // ESP profiles exported as CSV (Get-MgBetaDeviceManagementDeviceEnrollmentConfiguration | Export-Csv): read by the observer.
      if (record === 1 && Object.keys(row).some((h) => /^installprogresstimeoutinminutes$/i.test(h))) espProfiles = true;
      if (espProfiles) {
        // Not a deployment: no header checks, no device preparation report.
      } else if (record === 1 && !('enrollmentType' in row) && !('deploymentState' in row)) {
        if (isDevicePreparationHeader(Object.keys(row)) && classicReportColumns(Object.keys(row)).length === 0) {
          devicePreparation = true;
          // Without Phase every failure was read as the policy's timer (a phase not named), with no word.
          if (!devicePreparationHasPhase(Object.keys(row))) throw new InputError(file, 'header', 'expected the device preparation report\'s Phase column, which says where a failed deployment failed (apps, scripts, or the policy\'s installation): export the report again with every column and calibrate that file');
        } else throw new InputError(file, 'header', headerProblem(Object.keys(row)));
      } else if (record === 1 && Object.keys(row).some((h) => AUTOPILOT_V1_COLUMNS.has(h.toLowerCase()))) {
        // The classic deployments report through exportJobs shares some names with the events (DeploymentState), not their values.
        throw new InputError(file, 'header', `this looks like the Autopilot deployments report as Graph's exportJobs writes it (AutopilotV1DeploymentStatus: ${Object.keys(row).filter((h) => AUTOPILOT_V1_COLUMNS.has(h.toLowerCase())).slice(0, 3).join(', ')}), whose values are not documented (its enrollment methods; its states as numbers, and in words in the language it was asked in): calibrate reads the deployment records themselves: ${WHAT_TO_EXPORT}`);
      } else if (record === 1) {
        // A column left out (Select-Object, or deleted in Excel) was read as empty in every row: failures counted at
        // enrollment with no code, no duration fitted, and a twin written as if the tenant's ESP were the model's.
        const missing = NEEDED.filter(([column]) => !(column in row));
        if (missing.length) throw new InputError(file, 'header', `expected every property of the export as a column, got none for ${missing.map(([c]) => c).join(', ')} (${[...new Set(missing.map(([, why]) => why))].join('; ')}): export every property (Export-Csv without Select-Object; in Excel, delete no column) and calibrate that file${renamedNote(missing, Object.keys(row), 'column')}`);
      }
      let event: RawEvent = {};
      let breaks = 0;
      for (const k in row) {
        const v = row[k]!;
        event[k] = v === '' ? null : v;
        if (v.includes('\n') || v.includes('\r')) {
          breaks += v.match(/\r\n|\r|\n/g)!.length;
          crlfInCells += v.match(/\r\n/g)?.length ?? 0;
        }
      }
      if (devicePreparation) event = devicePreparationEvent(event as Record<string, string | null>);
      const line = info.lines - crlfInCells - breaks;
      if (espProfiles || !footerRow(Object.values(row))) deploymentRows++;
      else total ??= { record, line };
      try {
        onEvent(event, record, columns.size ? { line, columns } : { line });
      } catch (e) {
        // A field's error names the line too: a spreadsheet shows line numbers, not record numbers; and its column as the header writes it.
        // A total line as wide as the data (Excel's Total Row of a table) fails on a field: named as a total line.
        const footer = e instanceof InputError && e.file === file ? footerRow(Object.values(row)) : null;
        if (footer) throw new InputError(file, `record ${record}`, footer, line);
        if (e instanceof InputError && e.file === file && (e.line === undefined || columns.size)) throw new InputError(e.file, asWritten(e.field, columns), e.expected, e.line ?? line);
        throw (caller = e);
      }
    }
  } catch (e) {
    // The caller's own error passes as itself (calibrate's abort, heard between events: it was 'expected valid CSV (This operation was aborted)').
    if (e instanceof InputError || (e === caller && e !== undefined)) throw e;
    const err = e as Error & { code?: string; records?: number; lines?: number; columns?: Array<{ name?: string }> | false; record?: unknown[] };
    const at = err.records !== undefined ? `record ${err.records + 1}` : `record ${record + 1}`;
    if (/INCONSISTENT/.test(err.code ?? '') || /Invalid Record Length/.test(err.message ?? '')) {
      const again = err.record && headerAgain(err.record.map(String), headerNames);
      if (again) throw new InputError(file, at, again, err.lines);
      const footer = err.record && err.record.length < (err.columns || []).length ? footerRow(err.record) : null;
      if (footer) throw new InputError(file, at, footer, err.lines);
      const [field, why] = cellCount(err.columns || [], err.record?.length, err.records === 0);
      throw new InputError(file, field ? `${at}: ${columns.get(field) ?? field}` : at, why, err.lines);
    }
    throw new InputError(file, at, `expected valid CSV (${csvProblem(err, columns)})`, err.lines);
  }
  // A query whose $filter matched no deployment, or an export taken before any, writes the header alone: it was told to
  // have a header line, which it had.
  if (record > 0 && deploymentRows === 0 && total) {
    throw new InputError(file, `record ${total.record}`, `expected deployment rows below the header, got ${record === 1 ? 'one row, a total or summary line' : `${record} rows, each a total or summary line`} (its first cell a total's label, or numbers alone), as Excel's Total Row or a report's summary adds: no deployment rows were found, so the export holds none (a filter or a date range that matched none?); export the deployments again and calibrate that file`, total.line);
  }
  if (record === 0) throw new InputError(file, '', head(file, 4096).trim() === '' ? 'expected a header line and at least one event, got an empty file' : 'expected at least one event below the header, got the header alone: the export holds no deployment (a $filter or a date range that matched none?); export every deployment and calibrate that file');
  return record;
}
