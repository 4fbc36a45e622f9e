'use strict';
// Smoke test of extension.js outside VS Code: with a stand-in for the `vscode`
// module, activate the extension with `canvasc.path` set to the executable
// given on the command line, and check that it starts `<path> lsp`, completes
// the LSP handshake (initialize, initialized) and shuts the server down.
//
//   node tests/smoke.js /path/to/canvasc
const Module = require('module');
const path = require('path');
const serverPath = process.argv[2];
if (!serverPath) {
  console.error('usage: node tests/smoke.js /path/to/canvasc');
  process.exit(2);
}
const log = [];
setTimeout(() => {
  console.error('timed out: no handshake with `' + serverPath + ' lsp` within 60 s');
  process.exit(1);
}, 60_000).unref();

// Whatever the client asks of VS Code that this stand-in does not model
// returns another stand-in, so only what matters here is spelt out.

function anything(name) {
  const fn = function () { return anything(name + '()'); };
  return new Proxy(fn, {
    get(target, prop) {
      if (prop === 'then') return undefined;
      if (prop === 'dispose') return () => {};
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'length') return 0;
      return anything(name + '.' + String(prop));
    },
    apply() { return anything(name + '()'); },
    construct() { return anything('new ' + name); },
  });
}
const event = () => () => ({ dispose() {} });
const config = { path: serverPath, 'trace.server': 'off' };
const vscode = new Proxy({
  workspace: new Proxy({
    getConfiguration: (section) => ({ get: (key, def) => (section === 'canvasc' && key in config ? config[key] : def), has: () => false }),
    workspaceFolders: undefined,
    textDocuments: [],
    createFileSystemWatcher: () => ({ onDidCreate: event(), onDidChange: event(), onDidDelete: event(), dispose() {} }),
    onDidChangeConfiguration: event(),
  }, { get: (t, p) => (p in t ? t[p] : (String(p).startsWith('on') ? event() : anything('workspace.' + String(p)))) }),
  window: new Proxy({
    createOutputChannel: (name) => ({ name, append: (s) => log.push(s), appendLine: (s) => log.push(s), show() {}, dispose() {}, replace() {}, clear() {} }),
    showErrorMessage: async (m) => { console.error('showErrorMessage:', m); process.exitCode = 1; },
  }, { get: (t, p) => (p in t ? t[p] : (String(p).startsWith('on') ? event() : anything('window.' + String(p)))) }),
  version: '1.75.0',
  env: { machineId: 'smoke', sessionId: 'smoke', language: 'en', appName: 'smoke', uiKind: 1 },
  commands: { registerCommand: () => ({ dispose() {} }), executeCommand: async () => {} },
  Disposable: class { constructor(f) { this.f = f; } dispose() { this.f && this.f(); } static from() { return { dispose() {} }; } },
  EventEmitter: class { constructor() { this.event = event(); } fire() {} dispose() {} },
}, { get: (t, p) => (p in t ? t[p] : anything('vscode.' + String(p))) });

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return load.apply(this, arguments);
};

(async () => {
  // The bundle that ships in the .vsix (`npm run bundle`), not the source.
  const extension = require(path.join(__dirname, '..', 'dist', 'extension.js'));
  const subscriptions = [];
  await extension.activate({ subscriptions });
  if (process.exitCode) process.exit(1);
  await extension.deactivate();
  console.log('the extension started `' + serverPath + ' lsp`, completed the handshake and stopped it');
  process.exit(0);
})().catch((error) => { console.error(error); process.exit(1); });
