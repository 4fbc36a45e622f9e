// The playground page: a CodeMirror 6 editor checked as you type by canvasc
// compiled to WebAssembly, the board beside it, and share links that keep
// the canvas in the URL's fragment. Everything runs in the page; the only
// files it loads are its own (index.html, this script, the stylesheet and
// the wasm module).
import { EditorState, Compartment } from '@codemirror/state';
import {
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightSpecialChars,
  drawSelection,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentUnit } from '@codemirror/language';
import { setDiagnostics, lintGutter, lintKeymap } from '@codemirror/lint';
import { searchKeymap } from '@codemirror/search';
import init, * as canvasc from '../generated/canvasc_playground.js';
import { canvasLanguage } from './language.js';
import { byteOffsets } from './offsets.js';
import { encode, decode, ShareError } from './share.js';

const $ = (id) => document.getElementById(id);

/** What the page measured, for the browser test and docs/performance.md. */
const timings = {
  /** Milliseconds from navigation start to the wasm module ready. */
  wasmReady: null,
  /** Milliseconds from navigation start to the first diagnostics shown. */
  firstCheck: null,
  /** The last keystroke's milliseconds from key down to diagnostics shown. */
  keystroke: null,
  /** The last check's milliseconds in canvasc alone. */
  check: null,
  /** How many checks ran. */
  checks: 0,
  /** How many times the board was built. */
  boards: 0,
};

/** Rendered outputs are rebuilt this long after the last edit. */
const OUTPUT_DELAY_MS = 200;

const lineEndings = new Compartment();
let view;
let keyDownAt = null;
let checkQueued = false;
let outputTimer = null;
let lastDiagnostics = [];

// --- Text and line endings -------------------------------------------------

/** The editor's line separator for `text`: its first line break, so the text round-trips exactly. */
function separatorOf(text) {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/** The text exactly, with its own line breaks (`doc.toString()` would join lines with `\n`). */
function currentText() {
  return view.state.sliceDoc();
}

/** Replaces the whole text (an example, a shared canvas, the formatter's layout). */
function setText(text) {
  // The separator first: the new text is split into lines by the separator
  // in force when it is inserted.
  const separator = separatorOf(text);
  if (view.state.lineBreak !== separator) {
    view.dispatch({ effects: lineEndings.reconfigure(EditorState.lineSeparator.of(separator)) });
  }
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

// --- Diagnostics -------------------------------------------------------------

const SEVERITY = { error: 'error', warning: 'warning', advice: 'info' };

/** canvasc's diagnostics (check --format json) as CodeMirror's, offsets in UTF-16. */
function toEditorDiagnostics(text, report) {
  const found = report.files[0].diagnostics;
  const offsets = [];
  for (const d of found) {
    for (const label of d.labels) offsets.push(label.offset, label.offset + label.length);
    if (d.fix) offsets.push(d.fix.offset, d.fix.offset + d.fix.length);
  }
  const at = byteOffsets(text, offsets, view.state.lineBreak);
  return found.map((d) => {
    const label = d.labels[0];
    const from = label ? at(label.offset) : 0;
    const to = label ? at(label.offset + label.length) : 0;
    const fix = d.fix && {
      from: at(d.fix.offset),
      to: at(d.fix.offset + d.fix.length),
      insert: d.fix.replacement,
    };
    return {
      from,
      to,
      severity: SEVERITY[d.severity] ?? 'info',
      source: d.code,
      message: d.message + (d.help ? `\nhelp: ${d.help}` : ''),
      canvasc: { ...d, line: label?.line, column: label?.column, fix },
      actions: fix ? [{ name: `Fix: ${fix.insert || 'remove'}`, apply: (v) => applyFix(v, fix) }] : [],
    };
  });
}

function applyFix(target, fix) {
  target.dispatch({ changes: fix, selection: { anchor: fix.from + fix.insert.length }, scrollIntoView: true });
  target.focus();
}

function runCheck() {
  checkQueued = false;
  const text = currentText();
  const started = performance.now();
  const report = JSON.parse(canvasc.check(text));
  timings.check = performance.now() - started;
  timings.checks += 1;
  lastDiagnostics = toEditorDiagnostics(text, report);
  view.dispatch(setDiagnostics(view.state, lastDiagnostics));
  showList(lastDiagnostics, report.summary);
  const shown = performance.now();
  if (timings.firstCheck === null) timings.firstCheck = shown;
  if (keyDownAt !== null) {
    timings.keystroke = shown - keyDownAt;
    keyDownAt = null;
  }
  $('status').textContent = `checked in ${timings.check.toFixed(1)} ms`;
  document.body.dataset.checks = String(timings.checks);
}

function queueCheck() {
  if (checkQueued) return;
  checkQueued = true;
  // After the edit's update has finished (the editor takes no dispatch
  // during one), and once for all the changes of one task.
  queueMicrotask(runCheck);
}

function showList(diagnostics, summary) {
  const list = $('diagnostics');
  list.replaceChildren();
  const counts = [
    [summary.errors, 'error'],
    [summary.warnings, 'warning'],
    [summary.advice, 'advice'],
  ].map(([n, word]) => `${n} ${word}${n === 1 || word === 'advice' ? '' : 's'}`);
  $('summary').textContent = diagnostics.length ? counts.join(', ') : 'No problems found.';
  for (const d of diagnostics) {
    const item = document.createElement('li');
    item.className = `diagnostic ${d.canvasc.severity}`;
    item.dataset.code = d.source;
    const jump = document.createElement('button');
    jump.className = 'jump';
    jump.type = 'button';
    const where = d.canvasc.line ? `${d.canvasc.line}:${d.canvasc.column}` : 'file';
    jump.textContent = `${where} ${d.canvasc.severity}[${d.source}] ${d.canvasc.message}`;
    jump.title = 'Go to the problem';
    jump.addEventListener('click', () => {
      view.dispatch({ selection: { anchor: d.from, head: d.to }, scrollIntoView: true });
      view.focus();
    });
    item.append(jump);
    if (d.canvasc.help) {
      const help = document.createElement('div');
      help.className = 'help';
      help.textContent = `help: ${d.canvasc.help}`;
      item.append(help);
    }
    if (d.canvasc.fix) {
      const fix = document.createElement('button');
      fix.className = 'fix';
      fix.type = 'button';
      fix.textContent = `Fix: ${d.canvasc.fix.insert || 'remove'}`;
      fix.addEventListener('click', () => applyFix(view, d.canvasc.fix));
      item.append(fix);
    }
    const explain = document.createElement('button');
    explain.className = 'explain';
    explain.type = 'button';
    explain.textContent = 'Explain';
    explain.addEventListener('click', () => showExplanation(d.source));
    item.append(explain);
    list.append(item);
  }
}

// --- Outputs: board, SVG, economics, JSON, Markdown --------------------------

function queueOutputs() {
  clearTimeout(outputTimer);
  outputTimer = setTimeout(updateOutputs, OUTPUT_DELAY_MS);
}

function updateOutputs() {
  const text = currentText();
  const html = canvasc.build(text, 'html');
  const stale = html === undefined;
  document.body.classList.toggle('stale', stale);
  $('stale').hidden = !stale;
  if (!stale) {
    $('board').srcdoc = html;
    const svg = canvasc.build(text, 'svg');
    const image = $('svg');
    if (image.dataset.url) URL.revokeObjectURL(image.dataset.url);
    image.dataset.url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    image.src = image.dataset.url;
    $('json').textContent = canvasc.build(text, 'json');
    $('markdown').textContent = canvasc.build(text, 'md');
    // As `canvasc economics` prints it; it refuses a canvas with errors too.
    $('economics').textContent = canvasc.economics(text, 'text') ?? '';
    timings.boards += 1;
    document.body.dataset.boards = String(timings.boards);
  }
}

function showExplanation(code) {
  $('explanation').textContent = canvasc.explain(code) ?? `No rule is called ${code}.`;
  selectTab('explain');
}

function selectTab(name) {
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const selected = tab.dataset.tab === name;
    tab.setAttribute('aria-selected', String(selected));
    $(`panel-${tab.dataset.tab}`).hidden = !selected;
  }
}

// --- Share ---------------------------------------------------------------------

function showMessage(text) {
  const message = $('message');
  message.textContent = text;
  message.hidden = !text;
}

async function share() {
  const fragment = await encode(currentText());
  window.history.replaceState(null, '', fragment); // not the editor's `history`
  const link = location.href;
  $('share-link').value = link;
  $('share-box').hidden = false;
  $('share-link').select();
  try {
    await navigator.clipboard.writeText(link);
    $('share-note').textContent = 'Copied. The canvas is in the link itself: nothing was sent anywhere.';
  } catch {
    $('share-note').textContent = 'Copy this link. The canvas is in the link itself: nothing was sent anywhere.';
  }
}

/** The text to start with: the shared canvas, or the reference example, or (for a link that cannot be read) nothing. */
async function initialText(examples) {
  try {
    const shared = await decode(location.hash);
    if (shared !== null) return shared;
  } catch (error) {
    const why = error instanceof ShareError ? error.message : String(error);
    showMessage(`This link's canvas could not be read: ${why}. The editor is empty; pick an example or start typing.`);
    return '';
  }
  return examples[0].source;
}

// --- Start -------------------------------------------------------------------

async function start() {
  await init({ module_or_path: new URL('canvasc_playground_bg.wasm', document.baseURI) });
  timings.wasmReady = performance.now();
  const version = JSON.parse(canvasc.version());
  $('version').textContent = `canvasc ${version.canvasc}, language ${version.language}`;

  const examples = JSON.parse(canvasc.examples());
  const menu = $('examples');
  for (const example of examples) {
    const option = document.createElement('option');
    option.value = example.name;
    option.textContent = example.name;
    menu.append(option);
  }
  menu.addEventListener('change', () => {
    const example = examples.find((e) => e.name === menu.value);
    if (example) {
      showMessage('');
      setText(example.source);
    }
    menu.value = '';
  });

  const text = await initialText(examples);
  view = new EditorView({
    parent: $('editor'),
    state: EditorState.create({
      doc: text,
      extensions: [
        lineEndings.of(EditorState.lineSeparator.of(separatorOf(text))),
        lineNumbers(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        bracketMatching(),
        indentUnit.of('  '),
        canvasLanguage,
        syntaxHighlighting(defaultHighlightStyle),
        lintGutter(),
        keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap, indentWithTab]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            queueCheck();
            queueOutputs();
          }
        }),
        EditorView.domEventHandlers({
          keydown: () => {
            keyDownAt ??= performance.now();
          },
        }),
      ],
    }),
  });

  $('format').addEventListener('click', () => {
    const formatted = canvasc.format(currentText());
    if (formatted === undefined) {
      showMessage('Format needs a canvas without syntax errors: fix those first.');
    } else {
      showMessage('');
      if (formatted !== currentText()) setText(formatted);
    }
  });
  $('fix-all').addEventListener('click', () => {
    const fixed = canvasc.fix(currentText());
    if (fixed !== currentText()) setText(fixed);
  });
  $('share').addEventListener('click', () => share().catch((error) => showMessage(`Sharing failed: ${error}`)));
  for (const tab of document.querySelectorAll('[role=tab]')) {
    tab.addEventListener('click', () => selectTab(tab.dataset.tab));
  }
  window.addEventListener('hashchange', async () => {
    // A shared link pasted into this tab's address bar.
    if (location.hash === '' || location.hash === '#') return;
    try {
      const shared = await decode(location.hash);
      if (shared !== null && shared !== currentText()) setText(shared);
      showMessage('');
    } catch (error) {
      showMessage(`This link's canvas could not be read: ${error.message}. The editor is empty.`);
      setText('');
    }
  });

  runCheck();
  updateOutputs();
  document.body.dataset.ready = 'true';
}

window.playground = {
  timings,
  get text() {
    return currentText();
  },
  setText: (text) => setText(text),
  select(anchor, head = anchor) {
    view.dispatch({ selection: { anchor, head }, scrollIntoView: true });
    view.focus();
  },
  /** The text between two editor positions. */
  slice: (from, to) => view.state.sliceDoc(from, to),
  get selection() {
    const { from, to } = view.state.selection.main;
    return { from, to };
  },
  get diagnostics() {
    return lastDiagnostics.map((d) => ({ code: d.source, severity: d.canvasc.severity, from: d.from, to: d.to }));
  },
};

start().catch((error) => {
  showMessage(`The playground could not start: ${error}`);
  document.body.dataset.ready = 'failed';
});
