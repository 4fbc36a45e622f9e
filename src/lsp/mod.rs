//! `canvasc lsp`: a language server over standard input and output.
//!
//! Invariants: only this module knows about LSP and UTF-16; every feature
//! runs the library's pipeline ([`crate::check`]) on the whole document, with
//! the levels of the document's `canvas.toml` (read again at every change),
//! so the editor shows exactly what `canvasc check` reports; a bad document,
//! a bad request or a bad project file never stops the server (errors become
//! responses; a project file `canvasc check` would refuse sets no levels).

mod features;
mod position;

use std::collections::HashMap;
use std::error::Error;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    PrepareRenameRequest, References, Rename, Request as _,
};
use lsp_types::{
    CodeActionOrCommand, CodeActionProviderCapability, CompletionOptions, CompletionResponse, DocumentSymbolResponse,
    GotoDefinitionResponse, HoverProviderCapability, InitializeParams, OneOf, PositionEncodingKind,
    PrepareRenameResponse, PublishDiagnosticsParams, RenameOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::lines::LineIndex;
use crate::Checked;
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
pub struct Document {
    pub source: String,
    pub lines: LineIndex,
    pub checked: Checked,
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

    pub fn text(&self) -> Text<'_> {
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
        produced += features::diagnostics(&document, &uri).len();
        produced += features::document_symbols(&document).len();
        produced += features::formatting(&document).len();
        for offset in (0..=source.len()).step_by(step.max(1)) {
            produced += usize::from(features::hover(&document, offset).is_some());
            produced += features::completion(&document, offset).len();
            produced += usize::from(features::definition(&document, &uri, offset).is_some());
            produced += features::references(&document, &uri, offset, true).len();
            produced += usize::from(features::prepare_rename(&document, offset).is_some());
            produced += usize::from(matches!(
                features::rename(&document, &uri, offset, "renamed"),
                Ok(Some(_))
            ));
            let range = crate::syntax::Span::new(offset, offset);
            produced += features::code_actions(&document, &uri, range).len();
            // Positions round-trip through the client's encoding.
            let text = document.text();
            let _ = text.offset(text.position(offset));
        }
    }
    produced
}

/// Runs the server until the client says `exit`.
pub fn run() -> Result<(), Box<dyn Error + Sync + Send>> {
    let (connection, io_threads) = Connection::stdio();
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let encoding = negotiate(&params);
    let capabilities = ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
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
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo { name: "canvasc".into(), version: Some(env!("CARGO_PKG_VERSION").into()) },
    });
    connection.initialize_finish(id, result)?;
    Server {
        connection: &connection,
        documents: HashMap::new(),
        encoding,
    }
    .main_loop()?;
    // The writer thread ends when the last sender is gone.
    drop(connection);
    io_threads.join()?;
    Ok(())
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

struct Server<'c> {
    connection: &'c Connection,
    documents: HashMap<String, Document>,
    encoding: Encoding,
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<(), Box<dyn Error + Sync + Send>> {
        for message in &self.connection.receiver {
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    let response = self.request(request);
                    self.connection.sender.send(Message::Response(response))?;
                }
                Message::Notification(notification) => self.notification(notification)?,
                Message::Response(_) => {}
            }
        }
        Ok(())
    }

    fn notification(&mut self, notification: Notification) -> Result<(), Box<dyn Error + Sync + Send>> {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(params) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(notification.params)
                {
                    let uri = params.text_document.uri;
                    self.open(&uri, params.text_document.text, Some(params.text_document.version))?;
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(params) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(notification.params)
                {
                    // Full synchronisation: the last change holds the whole text.
                    if let Some(change) = params.content_changes.into_iter().last() {
                        let uri = params.text_document.uri;
                        self.open(&uri, change.text, Some(params.text_document.version))?;
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(params) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(notification.params)
                {
                    self.documents.remove(params.text_document.uri.as_str());
                    self.publish(&params.text_document.uri, Vec::new(), None)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn open(&mut self, uri: &Uri, text: String, version: Option<i32>) -> Result<(), Box<dyn Error + Sync + Send>> {
        let document = Document::new(uri, text, self.encoding);
        let diagnostics = features::diagnostics(&document, uri);
        self.documents.insert(uri.as_str().to_string(), document);
        self.publish(uri, diagnostics, version)
    }

    fn publish(
        &self,
        uri: &Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> Result<(), Box<dyn Error + Sync + Send>> {
        let params = PublishDiagnosticsParams::new(uri.clone(), diagnostics, version);
        let notification = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
        self.connection.sender.send(Message::Notification(notification))?;
        Ok(())
    }

    fn request(&self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            HoverRequest::METHOD => self.with_position::<lsp_types::HoverParams, _>(
                request,
                |params| &params.text_document_position_params,
                |document, _, offset| serde_json::to_value(features::hover(document, offset)),
            ),
            Completion::METHOD => self.with_position::<lsp_types::CompletionParams, _>(
                request,
                |params| &params.text_document_position,
                |document, _, offset| {
                    serde_json::to_value(CompletionResponse::Array(features::completion(document, offset)))
                },
            ),
            GotoDefinition::METHOD => self.with_position::<lsp_types::GotoDefinitionParams, _>(
                request,
                |params| &params.text_document_position_params,
                |document, uri, offset| {
                    serde_json::to_value(
                        features::definition(document, uri, offset).map(GotoDefinitionResponse::Scalar),
                    )
                },
            ),
            References::METHOD => match parse::<lsp_types::ReferenceParams>(&request) {
                Ok(params) => {
                    let include = params.context.include_declaration;
                    self.with_position::<lsp_types::ReferenceParams, _>(
                        request,
                        |params| &params.text_document_position,
                        |document, uri, offset| {
                            serde_json::to_value(features::references(document, uri, offset, include))
                        },
                    )
                }
                Err(response) => return *response,
            },
            PrepareRenameRequest::METHOD => self.with_position::<lsp_types::TextDocumentPositionParams, _>(
                request,
                |params| params,
                |document, _, offset| {
                    serde_json::to_value(features::prepare_rename(document, offset).map(PrepareRenameResponse::Range))
                },
            ),
            Rename::METHOD => {
                let params = match parse::<lsp_types::RenameParams>(&request) {
                    Ok(params) => params,
                    Err(response) => return *response,
                };
                let position = &params.text_document_position;
                let Some(document) = self.documents.get(position.text_document.uri.as_str()) else {
                    return Response::new_ok(id, Value::Null);
                };
                let offset = document.text().offset(position.position);
                match features::rename(document, &position.text_document.uri, offset, &params.new_name) {
                    Ok(edit) => serde_json::to_value(edit),
                    Err(message) => return Response::new_err(id, ErrorCode::InvalidParams as i32, message),
                }
            }
            DocumentSymbolRequest::METHOD => match parse::<lsp_types::DocumentSymbolParams>(&request) {
                Ok(params) => match self.documents.get(params.text_document.uri.as_str()) {
                    Some(document) => {
                        serde_json::to_value(DocumentSymbolResponse::Nested(features::document_symbols(document)))
                    }
                    None => Ok(Value::Null),
                },
                Err(response) => return *response,
            },
            Formatting::METHOD => match parse::<lsp_types::DocumentFormattingParams>(&request) {
                Ok(params) => match self.documents.get(params.text_document.uri.as_str()) {
                    Some(document) => serde_json::to_value(features::formatting(document)),
                    None => Ok(Value::Null),
                },
                Err(response) => return *response,
            },
            CodeActionRequest::METHOD => match parse::<lsp_types::CodeActionParams>(&request) {
                Ok(params) => match self.documents.get(params.text_document.uri.as_str()) {
                    Some(document) => {
                        let text = document.text();
                        let range =
                            crate::syntax::Span::new(text.offset(params.range.start), text.offset(params.range.end));
                        let actions: Vec<CodeActionOrCommand> =
                            features::code_actions(document, &params.text_document.uri, range)
                                .into_iter()
                                .map(CodeActionOrCommand::CodeAction)
                                .collect();
                        serde_json::to_value(actions)
                    }
                    None => Ok(Value::Null),
                },
                Err(response) => return *response,
            },
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("unsupported request `{}`", request.method),
                )
            }
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err(error) => Response::new_err(id, ErrorCode::InternalError as i32, error.to_string()),
        }
    }

    /// Runs a feature at the document position named by a request.
    fn with_position<P, F>(
        &self,
        request: Request,
        position: fn(&P) -> &lsp_types::TextDocumentPositionParams,
        feature: F,
    ) -> Result<Value, serde_json::Error>
    where
        P: DeserializeOwned,
        F: FnOnce(&Document, &Uri, usize) -> Result<Value, serde_json::Error>,
    {
        let params: P = match serde_json::from_value(request.params) {
            Ok(params) => params,
            Err(_) => return Ok(Value::Null),
        };
        let at = position(&params);
        let Some(document) = self.documents.get(at.text_document.uri.as_str()) else {
            return Ok(Value::Null);
        };
        let offset = document.text().offset(at.position);
        feature(document, &at.text_document.uri, offset)
    }
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
