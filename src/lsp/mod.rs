//! `canvasc lsp`: a language server over standard input and output.
//!
//! Invariants:
//!
//! - Only this module knows about LSP and UTF-16; every feature runs the
//!   library's pipeline ([`crate::check`]) on the whole document, with the
//!   levels of the document's `canvas.toml`, so the editor shows exactly
//!   what `canvasc check` reports.
//! - Nothing a client sends stops the server: the framing is read here
//!   (`framing`), a bad frame or body is skipped (answered with a JSON-RPC
//!   error when its id can be read), a bad request is an error response.
//!   Only `exit` (status 0 after `shutdown`, 1 without) and the end of input
//!   end it.
//! - Checks run off the message loop, on threads of their own (at most
//!   `MAX_RUNNING_CHECKS`), always of a document's newest text: changes that
//!   arrive together are checked once, a queued check is replaced by a newer
//!   one, and the result of a check that a newer text has overtaken is kept
//!   for hover and completion but never published. A check cannot be stopped
//!   once started; a request cancelled while it waits is answered at once.
//! - Requests are answered from the check of the newest text. While it runs,
//!   completion reads the newest text (names from the last check) and hover
//!   answers from the last check where the text under the cursor is
//!   unchanged; other requests wait for it.
//! - Diagnostics are pushed (`publishDiagnostics`) unless the client said it
//!   pulls them (`textDocument/diagnostic`), never both, so no editor shows
//!   them twice. A pull waits for the check of the newest text like any
//!   request, and answers `unchanged` when its diagnostics are those of the
//!   result id the client holds.

mod features;
mod framing;
mod links;
mod position;
mod structure;
mod sync;

use std::collections::HashMap;
use std::sync::{mpsc, Arc};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    Cancel, DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, Exit, Initialized,
    LogMessage, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, CodeLensRequest, Completion, DocumentDiagnosticRequest, DocumentHighlightRequest,
    DocumentLinkRequest, DocumentSymbolRequest, FoldingRangeRequest, Formatting, GotoDefinition, HoverRequest,
    Initialize, InlayHintRequest, PrepareRenameRequest, RangeFormatting, References, RegisterCapability, Rename,
    Request as _, SelectionRangeRequest, SemanticTokensFullRequest, Shutdown, WorkspaceDiagnosticRefresh,
};
use lsp_types::{
    CodeActionKind, CodeActionOrCommand, CodeActionProviderCapability, CompletionOptions, CompletionResponse,
    DocumentSymbolResponse, GotoDefinitionResponse, HoverProviderCapability, InitializeParams, NumberOrString, OneOf,
    PositionEncodingKind, PrepareRenameResponse, PublishDiagnosticsParams, RenameOptions, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::lines::LineIndex;
use links::RulePages;
use position::{Encoding, Text};

/// The levels of the project file that governs a `file:` document; none for
/// other schemes, or when the file cannot be used (`canvasc check` says why).
fn project_levels(uri: &Uri) -> crate::levels::Levels {
    file_path(uri.as_str())
        .and_then(|path| crate::project::levels_for_path(&path).ok())
        .unwrap_or_default()
}

/// The path of a `file:` URI (`file:///home/me/a%20b.canvas`), percent-decoded;
/// `None` for any other scheme or a path that is not UTF-8.
fn file_path(uri: &str) -> Option<std::path::PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // The authority (empty, or `localhost`) ends where the path begins.
    let path = &rest[rest.find('/')?..];
    let mut bytes = Vec::with_capacity(path.len());
    let mut input = path.bytes();
    while let Some(byte) = input.next() {
        if byte == b'%' {
            let high = input.next().and_then(|digit| char::from(digit).to_digit(16))?;
            let low = input.next().and_then(|digit| char::from(digit).to_digit(16))?;
            bytes.push(u8::try_from(high * 16 + low).ok()?);
        } else {
            bytes.push(byte);
        }
    }
    let path = String::from_utf8(bytes).ok()?;
    // `file:///C:/plans/shop.canvas` names `C:/plans/shop.canvas`.
    let windows = path.len() > 2 && path.as_bytes().get(2) == Some(&b':') && path.starts_with('/');
    Some(std::path::PathBuf::from(if windows { &path[1..] } else { &path[..] }))
}

/// An open document and what the pipeline made of it.
pub(crate) struct Document {
    /// The text as the editor sent it.
    pub source: String,
    /// Where its lines start.
    pub lines: LineIndex,
    /// The check of the whole text.
    pub checked: crate::Checked,
    /// How the client counts columns.
    pub encoding: Encoding,
}

impl Document {
    fn new(uri: &Uri, source: String, encoding: Encoding) -> Self {
        let mut checked = crate::check(uri.as_str(), &source);
        project_levels(uri).apply(&mut checked.diagnostics);
        Document {
            lines: LineIndex::new(&source),
            source,
            checked,
            encoding,
        }
    }

    /// The text with its line index, for converting positions.
    pub(crate) fn text(&self) -> Text<'_> {
        Text {
            text: &self.source,
            lines: &self.lines,
            encoding: self.encoding,
        }
    }
}

/// Runs every feature at every `step`-th offset of `source`, as an editor
/// would while the text is being typed; for robustness tests and fuzzing.
/// Returns how many results were produced.
#[doc(hidden)]
pub fn exercise(source: &str, step: usize) -> usize {
    let Ok(uri) = "file:///exercise.canvas".parse::<Uri>() else {
        return 0;
    };
    let mut produced = 0;
    for encoding in [Encoding::Utf8, Encoding::Utf16] {
        let document = Document::new(&uri, source.to_string(), encoding);
        let mut diagnostics = features::diagnostics(&document, &uri);
        RulePages::default().describe(&mut diagnostics);
        produced += diagnostics.len();
        produced += RulePages::default().document_links(&document).len();
        produced += features::document_symbols(&document).len();
        produced += features::formatting(&document).len();
        for offset in (0..=source.len()).step_by(step.max(1)) {
            produced += usize::from(features::hover(&document, offset).is_some());
            produced += features::completion(&document.text(), &document.checked, offset).len();
            produced += usize::from(features::definition(&document, &uri, offset).is_some());
            produced += features::references(&document, &uri, offset, true).len();
            produced += usize::from(features::prepare_rename(&document, offset).is_some());
            produced += usize::from(matches!(
                features::rename(&document, &uri, offset, "renamed"),
                Ok(Some(_))
            ));
            let range = crate::span::Span::new(offset, offset);
            produced += features::code_actions(&document, &uri, range).len();
            // Positions round-trip through the client's encoding.
            let text = document.text();
            let _ = text.offset(text.position(offset));
        }
    }
    produced
}

/// How the server ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// `exit` after `shutdown`: status 0.
    Clean,
    /// `exit` without `shutdown`, or the end of input without `exit`: status 1,
    /// as the protocol asks.
    Abrupt,
}

/// Runs the server over standard input and output until the client says `exit`.
pub fn run() -> std::io::Result<Ending> {
    serve(std::io::stdin(), std::io::stdout().lock())
}

/// Runs the server over any byte streams until `exit` or the end of `input`;
/// for the command, the tests and the fuzz target. Only a failure to write
/// `output` (the client gone) ends it with an error: nothing in `input` does.
pub fn serve<R, W>(input: R, output: W) -> std::io::Result<Ending>
where
    R: std::io::Read + Send + 'static,
    W: std::io::Write,
{
    let (events, inbox) = mpsc::channel();
    let reader_events = events.clone();
    // The reader blocks on input; it is never joined, so that `exit` ends the
    // server even while the client keeps its end open.
    std::thread::Builder::new()
        .name("lsp-reader".into())
        .spawn(move || read_messages(input, &reader_events))?;
    let mut server = Server {
        output,
        events,
        lifecycle: Lifecycle::Starting,
        encoding: Encoding::Utf16,
        watch_files: false,
        pull: false,
        refresh: false,
        rule_pages: RulePages::default(),
        documents: HashMap::new(),
        pending: HashMap::new(),
        running: 0,
        deferred: Vec::new(),
        input_ended: false,
        next_generation: 0,
        next_request: 0,
    };
    server.main_loop(&inbox)
}

/// Everything the message loop waits for.
enum Event {
    Message(Message),
    /// A frame or body that is not a message, with the id it seems to have.
    Bad {
        problem: String,
        id: Option<RequestId>,
        code: ErrorCode,
    },
    Finished(Box<Finished>),
    InputEnded,
}

/// A finished check of one version of a document.
struct Finished {
    uri: Uri,
    generation: u64,
    /// The check and its diagnostics; `None` if the check panicked.
    outcome: Option<(Arc<Document>, Diagnostics)>,
    version: Option<i32>,
}

fn read_messages(input: impl std::io::Read, events: &mpsc::Sender<Event>) {
    let mut input = std::io::BufReader::new(input);
    loop {
        let event = match framing::read_frame(&mut input) {
            Ok(Some(framing::Frame::Body(body))) => match serde_json::from_slice::<Value>(&body) {
                Ok(value) => classify(value),
                Err(error) => Event::Bad {
                    problem: format!("invalid JSON: {error}"),
                    id: framing::guess_id(&body),
                    code: ErrorCode::ParseError,
                },
            },
            Ok(Some(framing::Frame::Bad(problem))) => Event::Bad {
                problem,
                id: None,
                code: ErrorCode::ParseError,
            },
            Ok(None) | Err(_) => {
                let _ = events.send(Event::InputEnded);
                return;
            }
        };
        if events.send(event).is_err() {
            return;
        }
    }
}

/// A JSON value as a message: a request has a string `method` and an id, a
/// notification a `method` and no id, a response an id and a `result` or
/// an `error`; anything else is an invalid request.
fn classify(value: Value) -> Event {
    let id = value
        .get("id")
        .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok());
    let invalid = |problem: &str, id: Option<RequestId>| Event::Bad {
        problem: problem.to_string(),
        id,
        code: ErrorCode::InvalidRequest,
    };
    let Some(object) = value.as_object() else {
        return invalid("a message is a JSON object", None);
    };
    let message = match (object.get("method"), object.contains_key("id")) {
        (Some(Value::String(_)), true) if id.is_none() => return invalid("an id is a number or a string", None),
        (Some(Value::String(_)), true) => serde_json::from_value(value).map(Message::Request),
        (Some(Value::String(_)), false) => serde_json::from_value(value).map(Message::Notification),
        (Some(_), _) => return invalid("`method` is a string", id),
        (None, true) if object.contains_key("result") || object.contains_key("error") => {
            serde_json::from_value(value).map(Message::Response)
        }
        (None, _) => return invalid("a message has a `method`, or is a response", id),
    };
    match message {
        Ok(message) => Event::Message(message),
        Err(error) => invalid(&format!("not a JSON-RPC message: {error}"), id),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lifecycle {
    Starting,
    Running,
    ShutDown,
}

/// The most checks running at once: one may still be finishing a version
/// the client has already replaced while the newest one runs beside it.
const MAX_RUNNING_CHECKS: usize = 2;

/// An open document: its newest text and its last finished check.
struct Open {
    uri: Uri,
    current: sync::Current,
    version: i32,
    /// Counts every text and every change of levels; a check is of one generation.
    generation: u64,
    checked: Option<Arc<Document>>,
    checked_generation: u64,
    /// The diagnostics of `checked`, for a client that pulls them.
    diagnostics: Arc<Diagnostics>,
    /// The edits since the checked text, each with the generation it made.
    edits: Vec<(u64, sync::Edit)>,
}

impl Open {
    fn fresh(&self) -> Option<&Arc<Document>> {
        self.checked
            .as_ref()
            .filter(|_| self.checked_generation == self.generation)
    }
}

/// A check's diagnostics for the client, and the result id that names them.
#[derive(Default)]
struct Diagnostics {
    items: Vec<lsp_types::Diagnostic>,
    result_id: String,
}

impl Diagnostics {
    /// The result id is a hash of the diagnostics as sent: an edit that
    /// changes no diagnostic (nor any position of one) keeps it, so the
    /// client's next pull is answered `unchanged`.
    fn new(items: Vec<lsp_types::Diagnostic>) -> Self {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        serde_json::to_string(&items).unwrap_or_default().hash(&mut hasher);
        Diagnostics {
            items,
            result_id: format!("{:016x}", hasher.finish()),
        }
    }

    /// The answer to a pull from a client that holds `previous`.
    fn report(&self, previous: Option<&str>) -> lsp_types::DocumentDiagnosticReportResult {
        use lsp_types::{
            DocumentDiagnosticReport, FullDocumentDiagnosticReport, RelatedFullDocumentDiagnosticReport,
            RelatedUnchangedDocumentDiagnosticReport, UnchangedDocumentDiagnosticReport,
        };
        let report = if previous == Some(self.result_id.as_str()) {
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id: self.result_id.clone(),
                },
            })
        } else {
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(self.result_id.clone()),
                    items: self.items.clone(),
                },
            })
        };
        report.into()
    }
}

/// A check waiting to start.
struct Job {
    uri: Uri,
    text: String,
    generation: u64,
    version: i32,
}

struct Server<W> {
    output: W,
    events: mpsc::Sender<Event>,
    lifecycle: Lifecycle,
    encoding: Encoding,
    /// Whether the client lets us register for `canvas.toml` changes.
    watch_files: bool,
    /// Whether the client pulls diagnostics: then none are pushed.
    pull: bool,
    /// Whether the client takes `workspace/diagnostic/refresh`, to pull again
    /// after a `canvas.toml` changed.
    refresh: bool,
    rule_pages: RulePages,
    documents: HashMap<String, Open>,
    /// The newest unstarted check of each document: older ones are dropped.
    pending: HashMap<String, Job>,
    running: usize,
    /// Requests waiting for the check of their document's newest text.
    deferred: Vec<(String, Request)>,
    input_ended: bool,
    next_generation: u64,
    next_request: i32,
}

impl<W: std::io::Write> Server<W> {
    fn main_loop(&mut self, inbox: &mpsc::Receiver<Event>) -> std::io::Result<Ending> {
        loop {
            if self.input_ended && self.running == 0 && self.pending.is_empty() {
                return Ok(Ending::Abrupt);
            }
            let Ok(event) = inbox.recv() else {
                return Ok(Ending::Abrupt);
            };
            if let Some(ending) = self.event(event)? {
                return Ok(ending);
            }
            // Messages already waiting are read before checks start, so a burst
            // of changes is checked once, at its newest text.
            while let Ok(event) = inbox.try_recv() {
                if let Some(ending) = self.event(event)? {
                    return Ok(ending);
                }
            }
            self.start_checks();
        }
    }

    fn event(&mut self, event: Event) -> std::io::Result<Option<Ending>> {
        match event {
            Event::Message(Message::Request(request)) => self.request(request)?,
            Event::Message(Message::Notification(notification)) => {
                if notification.method == Exit::METHOD {
                    return Ok(Some(match self.lifecycle {
                        Lifecycle::ShutDown => Ending::Clean,
                        _ => Ending::Abrupt,
                    }));
                }
                if self.lifecycle == Lifecycle::Running {
                    self.notification(notification)?;
                }
            }
            Event::Message(Message::Response(_)) => {}
            Event::Bad { problem, id, code } => {
                self.log(&format!("canvasc skipped a message: {problem}"))?;
                if let Some(id) = id {
                    self.send(Response::new_err(id, code as i32, problem).into())?;
                }
            }
            Event::Finished(finished) => self.finished(*finished)?,
            Event::InputEnded => self.input_ended = true,
        }
        Ok(None)
    }

    fn send(&mut self, message: Message) -> std::io::Result<()> {
        let body = serde_json::to_string(&message)?;
        write!(self.output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
        self.output.flush()
    }

    fn log(&mut self, message: &str) -> std::io::Result<()> {
        let params = lsp_types::LogMessageParams {
            typ: lsp_types::MessageType::WARNING,
            message: message.to_string(),
        };
        self.send(Notification::new(LogMessage::METHOD.to_string(), params).into())
    }

    fn request(&mut self, request: Request) -> std::io::Result<()> {
        let response = match (self.lifecycle, request.method.as_str()) {
            (Lifecycle::Starting, Initialize::METHOD) => self.initialize(request),
            (Lifecycle::Starting, _) => Response::new_err(
                request.id,
                ErrorCode::ServerNotInitialized as i32,
                "the server is not initialized yet".into(),
            ),
            (Lifecycle::Running, Initialize::METHOD) => Response::new_err(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the server is already initialized".into(),
            ),
            (Lifecycle::Running, Shutdown::METHOD) => {
                self.lifecycle = Lifecycle::ShutDown;
                Response::new_ok(request.id, Value::Null)
            }
            (Lifecycle::Running, _) => return self.dispatch(request),
            (Lifecycle::ShutDown, _) => Response::new_err(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".into(),
            ),
        };
        self.send(response.into())
    }

    fn initialize(&mut self, request: Request) -> Response {
        // lsp-types 0.97 reads `workspace.diagnostic`, where the protocol says
        // `workspace.diagnostics`: the refresh support is read from the JSON.
        let workspace = request
            .params
            .get("capabilities")
            .and_then(|capabilities| capabilities.get("workspace"));
        self.refresh = ["diagnostics", "diagnostic"].iter().any(|key| {
            workspace
                .and_then(|workspace| workspace.get(key))
                .and_then(|diagnostics| diagnostics.get("refreshSupport"))
                .and_then(Value::as_bool)
                .unwrap_or(false)
        });
        let params: InitializeParams = serde_json::from_value(request.params).unwrap_or_default();
        self.encoding = negotiate(&params);
        self.watch_files = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|workspace| workspace.did_change_watched_files.as_ref())
            .and_then(|watched| watched.dynamic_registration)
            .unwrap_or(false);
        self.pull = params
            .capabilities
            .text_document
            .as_ref()
            .is_some_and(|document| document.diagnostic.is_some());
        self.rule_pages = RulePages::from_options(params.initialization_options.as_ref());
        self.lifecycle = Lifecycle::Running;
        let result = serde_json::json!({
            "capabilities": capabilities(self.encoding),
            "serverInfo": ServerInfo { name: "canvasc".into(), version: Some(env!("CARGO_PKG_VERSION").into()) },
        });
        Response::new_ok(request.id, result)
    }

    /// Answers a request now, or when its document's newest text is checked.
    fn dispatch(&mut self, request: Request) -> std::io::Result<()> {
        let Some(uri) = request_uri(&request) else {
            let response = answer(None, None, request);
            return self.send(response.into());
        };
        let Some(open) = self.documents.get(&uri) else {
            let response = answer(None, None, request);
            return self.send(response.into());
        };
        if open.fresh().is_some() {
            let response = self.respond(open, request);
            return self.send(response.into());
        }
        // Completion reads the newest text, and names from the last check.
        if request.method == Completion::METHOD {
            if let Some(document) = &open.checked {
                let response = complete(open, document, self.encoding, request);
                return self.send(response.into());
            }
        }
        if request.method == HoverRequest::METHOD {
            if let Some(response) = stale_hover(open, self.encoding, &request) {
                return self.send(response.into());
            }
        }
        self.deferred.push((uri, request));
        Ok(())
    }

    fn notification(&mut self, notification: Notification) -> std::io::Result<()> {
        match notification.method.as_str() {
            Initialized::METHOD if self.watch_files => self.register_watcher()?,
            DidOpenTextDocument::METHOD => {
                if let Ok(params) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(notification.params)
                {
                    let document = params.text_document;
                    let generation = self.generation();
                    let open = Open {
                        current: sync::Current::new(document.text),
                        uri: document.uri,
                        version: document.version,
                        generation,
                        checked: None,
                        checked_generation: 0,
                        diagnostics: Arc::default(),
                        edits: Vec::new(),
                    };
                    let key = open.uri.as_str().to_string();
                    self.documents.insert(key.clone(), open);
                    self.schedule(&key);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(params) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(notification.params)
                {
                    let key = params.text_document.uri.as_str().to_string();
                    let generation = self.generation();
                    let encoding = self.encoding;
                    if let Some(open) = self.documents.get_mut(&key) {
                        for change in params.content_changes {
                            let edit = open.current.apply(change, encoding);
                            open.edits.push((generation, edit));
                        }
                        open.version = params.text_document.version;
                        open.generation = generation;
                        self.schedule(&key);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(params) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(notification.params)
                {
                    let key = params.text_document.uri.as_str();
                    self.documents.remove(key);
                    self.pending.remove(key);
                    self.answer_deferred(key)?;
                    if !self.pull {
                        self.publish(params.text_document.uri, Vec::new(), None)?;
                    }
                }
            }
            DidChangeWatchedFiles::METHOD => {
                // A project file changed: every open document is checked again with its levels.
                let keys: Vec<String> = self.documents.keys().cloned().collect();
                for key in keys {
                    let generation = self.generation();
                    if let Some(open) = self.documents.get_mut(&key) {
                        open.generation = generation;
                    }
                    self.schedule(&key);
                }
                // A client that pulls asks again; its pulls wait for the new checks.
                if self.pull && self.refresh {
                    self.next_request += 1;
                    let id = RequestId::from(format!("canvasc-{}", self.next_request));
                    self.send(Request::new(id, WorkspaceDiagnosticRefresh::METHOD.into(), Value::Null).into())?;
                }
            }
            Cancel::METHOD => {
                if let Ok(params) = serde_json::from_value::<lsp_types::CancelParams>(notification.params) {
                    let id: RequestId = match params.id {
                        NumberOrString::Number(number) => number.into(),
                        NumberOrString::String(string) => string.into(),
                    };
                    if let Some(at) = self.deferred.iter().position(|(_, request)| request.id == id) {
                        let (_, request) = self.deferred.remove(at);
                        let response = Response::new_err(
                            request.id,
                            ErrorCode::RequestCanceled as i32,
                            "cancelled by the client".into(),
                        );
                        self.send(response.into())?;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn generation(&mut self) -> u64 {
        self.next_generation += 1;
        self.next_generation
    }

    fn register_watcher(&mut self) -> std::io::Result<()> {
        let options = lsp_types::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![lsp_types::FileSystemWatcher {
                glob_pattern: lsp_types::GlobPattern::String("**/canvas.toml".into()),
                kind: None,
            }],
        };
        let params = lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "canvas.toml".into(),
                method: DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_request += 1;
        let id = RequestId::from(format!("canvasc-{}", self.next_request));
        self.send(Request::new(id, RegisterCapability::METHOD.into(), params).into())
    }

    /// Queues a check of the document's newest text, replacing any queued one.
    fn schedule(&mut self, key: &str) {
        if let Some(open) = self.documents.get(key) {
            let job = Job {
                uri: open.uri.clone(),
                text: open.current.text.clone(),
                generation: open.generation,
                version: open.version,
            };
            self.pending.insert(key.to_string(), job);
        }
    }

    /// Starts queued checks on their own threads, up to [`MAX_RUNNING_CHECKS`].
    fn start_checks(&mut self) {
        while self.running < MAX_RUNNING_CHECKS {
            let Some(key) = self.pending.keys().next().cloned() else {
                return;
            };
            let Some(job) = self.pending.remove(&key) else {
                return;
            };
            let events = self.events.clone();
            let encoding = self.encoding;
            let pages = self.rule_pages.clone();
            let spawned = std::thread::Builder::new().name("lsp-check".into()).spawn(move || {
                // A panic is a bug, but it must not leave the loop waiting for this check forever.
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let document = Document::new(&job.uri, job.text, encoding);
                    let mut diagnostics = features::diagnostics(&document, &job.uri);
                    pages.describe(&mut diagnostics);
                    (Arc::new(document), Diagnostics::new(diagnostics))
                }));
                let _ = events.send(Event::Finished(Box::new(Finished {
                    uri: job.uri,
                    generation: job.generation,
                    outcome: outcome.ok(),
                    version: Some(job.version),
                })));
            });
            if spawned.is_err() {
                // No thread to be had: try again after the next message.
                return;
            }
            self.running += 1;
        }
    }

    /// A check finished: kept if no newer one finished first, published if
    /// it is of the newest text.
    fn finished(&mut self, checked: Finished) -> std::io::Result<()> {
        self.running = self.running.saturating_sub(1);
        let key = checked.uri.as_str().to_string();
        let Some((document, diagnostics)) = checked.outcome else {
            return self.log(&format!("canvasc failed to check {key} (a bug: please report it)"));
        };
        let Some(open) = self.documents.get_mut(&key) else {
            return Ok(());
        };
        if checked.generation <= open.checked_generation && open.checked.is_some() {
            return Ok(());
        }
        open.checked = Some(document);
        open.checked_generation = checked.generation;
        open.diagnostics = Arc::new(diagnostics);
        open.edits.retain(|(generation, _)| *generation > checked.generation);
        if checked.generation != open.generation {
            return Ok(());
        }
        if !self.pull {
            let items = open.diagnostics.items.clone();
            self.publish(checked.uri, items, checked.version)?;
        }
        self.answer_deferred(&key)
    }

    /// Answers the requests that waited for `key`'s newest check.
    fn answer_deferred(&mut self, key: &str) -> std::io::Result<()> {
        let (ready, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut self.deferred)
            .into_iter()
            .partition(|(uri, _)| uri == key);
        self.deferred = waiting;
        for (_, request) in ready {
            let response = match self.documents.get(key) {
                Some(open) => self.respond(open, request),
                None => answer(None, None, request),
            };
            self.send(response.into())?;
        }
        Ok(())
    }

    /// The answer to a request about `open`, from its last check: what needs
    /// the server's state here, the rest in [`answer`].
    fn respond(&self, open: &Open, request: Request) -> Response {
        match request.method.as_str() {
            DocumentDiagnosticRequest::METHOD => match parse::<lsp_types::DocumentDiagnosticParams>(&request) {
                Ok(params) => to_response(
                    request.id,
                    serde_json::to_value(open.diagnostics.report(params.previous_result_id.as_deref())),
                ),
                Err(response) => *response,
            },
            DocumentLinkRequest::METHOD => match &open.checked {
                Some(document) => to_response(
                    request.id,
                    serde_json::to_value(self.rule_pages.document_links(document)),
                ),
                None => Response::new_ok(request.id, Value::Null),
            },
            _ => answer(open.checked.as_ref(), Some(&open.uri), request),
        }
    }

    fn publish(
        &mut self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> std::io::Result<()> {
        let params = PublishDiagnosticsParams::new(uri, diagnostics, version);
        let notification = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
        self.send(notification.into())
    }
}

/// What the server offers.
fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            lsp_types::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![" ".into(), ",".into(), "\"".into()]),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(lsp_types::CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::SOURCE_FIX_ALL]),
            ..Default::default()
        })),
        document_highlight_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(lsp_types::FoldingRangeProviderCapability::Simple(true)),
        selection_range_provider: Some(lsp_types::SelectionRangeProviderCapability::Simple(true)),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(lsp_types::CodeLensOptions {
            resolve_provider: Some(false),
        }),
        document_link_provider: Some(lsp_types::DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: Default::default(),
        }),
        diagnostic_provider: Some(lsp_types::DiagnosticServerCapabilities::Options(
            lsp_types::DiagnosticOptions {
                identifier: Some("canvasc".into()),
                // A document's diagnostics depend on its text and its canvas.toml only.
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: Default::default(),
            },
        )),
        semantic_tokens_provider: Some(lsp_types::SemanticTokensServerCapabilities::SemanticTokensOptions(
            lsp_types::SemanticTokensOptions {
                legend: structure::legend(),
                full: Some(lsp_types::SemanticTokensFullOptions::Bool(true)),
                range: None,
                ..Default::default()
            },
        )),
        ..ServerCapabilities::default()
    }
}

/// UTF-8 when the client offers it, UTF-16 (the protocol's default) otherwise.
fn negotiate(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|general| general.position_encodings.as_ref());
    match offered {
        Some(encodings) if encodings.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

/// The document a request is about (`params.textDocument.uri`).
fn request_uri(request: &Request) -> Option<String> {
    let uri = request.params.get("textDocument")?.get("uri")?.as_str()?;
    // The same spelling as the key of `didOpen`, which went through `Uri`.
    uri.parse::<Uri>().ok().map(|uri| uri.as_str().to_string())
}

/// Completion at the newest text while it is being checked: the words come
/// from the text, the names from the last check.
fn complete(open: &Open, checked: &Document, encoding: Encoding, request: Request) -> Response {
    let id = request.id.clone();
    let Ok(params) = serde_json::from_value::<lsp_types::CompletionParams>(request.params) else {
        return Response::new_ok(id, Value::Null);
    };
    let view = open.current.view(encoding);
    let offset = view.offset(params.text_document_position.position);
    let items = features::completion(&view, &checked.checked, offset);
    match serde_json::to_value(CompletionResponse::Array(items)) {
        Ok(value) => Response::new_ok(id, value),
        Err(error) => Response::new_err(id, ErrorCode::InternalError as i32, error.to_string()),
    }
}

/// Hover from the last check when the position is in text it has seen;
/// `None` when it is in text written since.
fn stale_hover(open: &Open, encoding: Encoding, request: &Request) -> Option<Response> {
    let document = open.checked.as_ref()?;
    let params: lsp_types::HoverParams = serde_json::from_value(request.params.clone()).ok()?;
    let edits: Vec<sync::Edit> = open.edits.iter().map(|(_, edit)| *edit).collect();
    let offset = open
        .current
        .view(encoding)
        .offset(params.text_document_position_params.position);
    let old = sync::back(&edits, offset)?;
    let mut hover = features::hover(document, old);
    if let Some(found) = hover.as_mut() {
        let text = document.text();
        let range = found.range?;
        let start = sync::forward(&edits, text.offset(range.start))?;
        let end = sync::forward(&edits, text.offset(range.end))?;
        found.range = Some(open.current.view(encoding).range(crate::span::Span::new(start, end)));
    }
    Some(Response::new_ok(request.id.clone(), serde_json::to_value(hover).ok()?))
}

/// The answer to a request, from the check of its document (`None`: not open).
fn answer(document: Option<&Arc<Document>>, uri: Option<&Uri>, request: Request) -> Response {
    let id = request.id.clone();
    let (Some(document), Some(uri)) = (document, uri) else {
        return match request.method.as_str() {
            // A document that is not open has no diagnostics: the report is never null.
            DocumentDiagnosticRequest::METHOD => {
                to_response(id, serde_json::to_value(Diagnostics::new(Vec::new()).report(None)))
            }
            method if known_method(method) => Response::new_ok(id, Value::Null),
            _ => unsupported(&request),
        };
    };
    let result = match request.method.as_str() {
        HoverRequest::METHOD => with_position::<lsp_types::HoverParams, _>(
            document,
            request,
            |params| &params.text_document_position_params,
            |document, offset| serde_json::to_value(features::hover(document, offset)),
        ),
        Completion::METHOD => with_position::<lsp_types::CompletionParams, _>(
            document,
            request,
            |params| &params.text_document_position,
            |document, offset| {
                serde_json::to_value(CompletionResponse::Array(features::completion(
                    &document.text(),
                    &document.checked,
                    offset,
                )))
            },
        ),
        GotoDefinition::METHOD => with_position::<lsp_types::GotoDefinitionParams, _>(
            document,
            request,
            |params| &params.text_document_position_params,
            |document, offset| {
                serde_json::to_value(features::definition(document, uri, offset).map(GotoDefinitionResponse::Scalar))
            },
        ),
        References::METHOD => match parse::<lsp_types::ReferenceParams>(&request) {
            Ok(params) => {
                let include = params.context.include_declaration;
                let offset = document.text().offset(params.text_document_position.position);
                serde_json::to_value(features::references(document, uri, offset, include))
            }
            Err(response) => return *response,
        },
        PrepareRenameRequest::METHOD => with_position::<lsp_types::TextDocumentPositionParams, _>(
            document,
            request,
            |params| params,
            |document, offset| {
                serde_json::to_value(features::prepare_rename(document, offset).map(PrepareRenameResponse::Range))
            },
        ),
        Rename::METHOD => {
            let params = match parse::<lsp_types::RenameParams>(&request) {
                Ok(params) => params,
                Err(response) => return *response,
            };
            let offset = document.text().offset(params.text_document_position.position);
            match features::rename(document, uri, offset, &params.new_name) {
                Ok(edit) => serde_json::to_value(edit),
                Err(message) => return Response::new_err(id, ErrorCode::InvalidParams as i32, message),
            }
        }
        DocumentSymbolRequest::METHOD => {
            serde_json::to_value(DocumentSymbolResponse::Nested(features::document_symbols(document)))
        }
        Formatting::METHOD => serde_json::to_value(features::formatting(document)),
        CodeActionRequest::METHOD => match parse::<lsp_types::CodeActionParams>(&request) {
            Ok(params) => {
                let text = document.text();
                let range = crate::span::Span::new(text.offset(params.range.start), text.offset(params.range.end));
                let wanted = |kind: &CodeActionKind| {
                    params
                        .context
                        .only
                        .as_ref()
                        .is_none_or(|only| only.iter().any(|asked| kind.as_str().starts_with(asked.as_str())))
                };
                let mut actions: Vec<CodeActionOrCommand> = Vec::new();
                if wanted(&CodeActionKind::QUICKFIX) {
                    actions.extend(
                        features::code_actions(document, uri, range)
                            .into_iter()
                            .map(CodeActionOrCommand::CodeAction),
                    );
                }
                if wanted(&CodeActionKind::SOURCE_FIX_ALL) {
                    actions.extend(structure::fix_all(document, uri).map(CodeActionOrCommand::CodeAction));
                }
                serde_json::to_value(actions)
            }
            Err(response) => return *response,
        },
        DocumentHighlightRequest::METHOD => with_position::<lsp_types::DocumentHighlightParams, _>(
            document,
            request,
            |params| &params.text_document_position_params,
            |document, offset| serde_json::to_value(structure::highlights(document, offset)),
        ),
        FoldingRangeRequest::METHOD => serde_json::to_value(structure::folding_ranges(document)),
        SelectionRangeRequest::METHOD => match parse::<lsp_types::SelectionRangeParams>(&request) {
            Ok(params) => {
                let text = document.text();
                let offsets: Vec<usize> = params.positions.iter().map(|position| text.offset(*position)).collect();
                serde_json::to_value(structure::selection_ranges(document, &offsets))
            }
            Err(response) => return *response,
        },
        RangeFormatting::METHOD => match parse::<lsp_types::DocumentRangeFormattingParams>(&request) {
            Ok(params) => serde_json::to_value(structure::range_formatting(document, span_of(document, params.range))),
            Err(response) => return *response,
        },
        InlayHintRequest::METHOD => match parse::<lsp_types::InlayHintParams>(&request) {
            Ok(params) => serde_json::to_value(structure::inlay_hints(document, span_of(document, params.range))),
            Err(response) => return *response,
        },
        CodeLensRequest::METHOD => serde_json::to_value(structure::code_lenses(document, uri)),
        SemanticTokensFullRequest::METHOD => serde_json::to_value(lsp_types::SemanticTokens {
            result_id: None,
            data: structure::semantic_tokens(document),
        }),
        _ => return unsupported(&request),
    };
    to_response(id, result)
}

fn to_response(id: RequestId, result: Result<Value, serde_json::Error>) -> Response {
    match result {
        Ok(value) => Response::new_ok(id, value),
        Err(error) => Response::new_err(id, ErrorCode::InternalError as i32, error.to_string()),
    }
}

fn known_method(method: &str) -> bool {
    [
        HoverRequest::METHOD,
        Completion::METHOD,
        GotoDefinition::METHOD,
        References::METHOD,
        PrepareRenameRequest::METHOD,
        Rename::METHOD,
        DocumentSymbolRequest::METHOD,
        Formatting::METHOD,
        CodeActionRequest::METHOD,
        DocumentHighlightRequest::METHOD,
        FoldingRangeRequest::METHOD,
        SelectionRangeRequest::METHOD,
        RangeFormatting::METHOD,
        InlayHintRequest::METHOD,
        CodeLensRequest::METHOD,
        SemanticTokensFullRequest::METHOD,
        DocumentLinkRequest::METHOD,
        DocumentDiagnosticRequest::METHOD,
    ]
    .contains(&method)
}

/// The byte span of a client's range in the checked text.
fn span_of(document: &Document, range: lsp_types::Range) -> crate::span::Span {
    let text = document.text();
    let start = text.offset(range.start);
    crate::span::Span::new(start, text.offset(range.end).max(start))
}

fn unsupported(request: &Request) -> Response {
    Response::new_err(
        request.id.clone(),
        ErrorCode::MethodNotFound as i32,
        format!("unsupported request `{}`", request.method),
    )
}

/// Runs a feature at the document position named by a request.
fn with_position<P, F>(
    document: &Document,
    request: Request,
    position: fn(&P) -> &lsp_types::TextDocumentPositionParams,
    feature: F,
) -> Result<Value, serde_json::Error>
where
    P: DeserializeOwned,
    F: FnOnce(&Document, usize) -> Result<Value, serde_json::Error>,
{
    let params: P = match serde_json::from_value(request.params) {
        Ok(params) => params,
        Err(_) => return Ok(Value::Null),
    };
    let offset = document.text().offset(position(&params).position);
    feature(document, offset)
}

fn parse<P: DeserializeOwned>(request: &Request) -> Result<P, Box<Response>> {
    serde_json::from_value(request.params.clone()).map_err(|error| {
        Box::new(Response::new_err(
            request.id.clone(),
            ErrorCode::InvalidParams as i32,
            format!("invalid parameters: {error}"),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::file_path;
    use std::path::PathBuf;

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            file_path("file:///tmp/a%20b.canvas"),
            Some(PathBuf::from("/tmp/a b.canvas"))
        );
        assert_eq!(
            file_path("file://localhost/tmp/j%C3%B3.canvas"),
            Some(PathBuf::from("/tmp/jó.canvas"))
        );
        assert_eq!(
            file_path("file:///C:/plans/x.canvas"),
            Some(PathBuf::from("C:/plans/x.canvas"))
        );
        assert_eq!(file_path("untitled:Untitled-1"), None);
        assert_eq!(file_path("file:///tmp/%zz"), None);
    }
}
