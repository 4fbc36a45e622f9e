//! `canvasc build FILE --format FORMAT [-o OUT]`

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::ValueEnum;

use super::inputs::Input;
use super::terminal::stderr_style;
use super::Status;
use crate::render::ShownSource;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The model, its derived facts and economics (schema in docs/json.md).
    Json,
    /// The board as one self-contained page, with journeys, fit, economics and warnings.
    Html,
    /// The nine-block board as a standalone image.
    Svg,
    /// The canvas as a Markdown document.
    Md,
    /// The nine-block board as a PNG image (fonts bundled: the same on every machine).
    Png,
    /// The nine-block board as a one-page vector PDF with selectable text.
    Pdf,
}

impl Format {
    /// The name of a binary format, which is never written to a terminal.
    fn binary(self) -> Option<&'static str> {
        match self {
            Format::Png => Some("PNG image"),
            Format::Pdf => Some("PDF document"),
            Format::Json | Format::Html | Format::Svg | Format::Md => None,
        }
    }
}

#[derive(clap::Args)]
pub struct Args {
    /// The canvas to compile (`-` for standard input).
    file: PathBuf,
    /// What to produce.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Write here instead of standard output (atomically: never half-written).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Compile this scenario's canvas (the base with its overrides applied).
    #[arg(long, value_name = "ID")]
    scenario: Option<String>,
    /// PNG pixels per board unit: 2 (the default) suits slides, 1 the screen size.
    #[arg(long, default_value_t = 2.0, value_name = "FACTOR")]
    scale: f32,
}

pub fn run(args: Args) -> Status {
    let input = if args.file.as_os_str() == "-" {
        Input::Stdin
    } else {
        Input::File(args.file.clone())
    };
    // The output is judged before the input is read: nothing is read from
    // or written to a target that will be refused.
    if let Some(output) = &args.output {
        if let Err(problem) = super::write::check_output(output, input.path()) {
            eprintln!(
                "error: cannot write `{}`: {problem}",
                crate::render::escape_control(&super::inputs::display(output))
            );
            return Status::Trouble;
        }
    }
    let bytes = match input.read() {
        Ok(bytes) => bytes,
        Err(problem) => {
            problem.print(&input.name());
            return Status::Trouble;
        }
    };
    let checked = crate::check_bytes(input.name(), bytes);
    let style = stderr_style();
    let source = ShownSource::new(&checked.name, &checked.source);
    for diagnostic in &checked.diagnostics {
        eprint!("{}", source.render(diagnostic, style));
    }
    if checked.has_errors() {
        eprintln!(
            "error: `{}` has errors; nothing was built",
            crate::render::escape_control(&checked.name)
        );
        return Status::Findings;
    }
    let checked = match &args.scenario {
        None => checked,
        Some(id) => match crate::scenario_checked(&checked, id) {
            Some(scenario) => scenario,
            None => {
                let known: Vec<&str> = checked.model.scenarios.iter().map(|s| s.name()).collect();
                eprintln!(
                    "error: `{}` has no scenario `{}`{}",
                    crate::render::escape_control(&checked.name),
                    crate::render::escape_control(id),
                    if known.is_empty() {
                        String::new()
                    } else {
                        format!(" (it has {})", crate::render::escape_control(&known.join(", ")))
                    }
                );
                return Status::Trouble;
            }
        },
    };
    if let (None, Some(kind)) = (&args.output, args.format.binary()) {
        if std::io::stdout().is_terminal() {
            let extension = if args.format == Format::Png { "png" } else { "pdf" };
            eprintln!(
                "error: a {kind} is binary and standard output is a terminal; write it to a file with `-o board.{extension}` (or redirect: `> board.{extension}`)"
            );
            return Status::Trouble;
        }
    }
    let image =
        |made: Result<Vec<u8>, crate::output::image::ImageError>| made.map_err(|error| eprintln!("error: {error}"));
    let made = match args.format {
        Format::Json => Ok(crate::output::json::document_text(
            &checked.model,
            args.scenario.as_deref(),
        )),
        Format::Html => Ok(crate::output::html::html(&checked).into_bytes()),
        Format::Svg => Ok(crate::output::svg::svg(&checked).into_bytes()),
        Format::Md => Ok(crate::output::markdown::markdown(&checked).into_bytes()),
        Format::Png => image(crate::output::image::png(
            &crate::output::svg::svg(&checked),
            args.scale,
        )),
        Format::Pdf => image(crate::output::image::pdf(&crate::output::svg::svg(&checked))),
    };
    // The process ends next, and the system takes its memory back at
    // once: freeing the model block by block costs a tenth of a large
    // build.
    std::mem::forget(checked);
    let Ok(output) = made else {
        return Status::Trouble;
    };
    match &args.output {
        None => {
            if super::stdout(&output).is_err() {
                return Status::Trouble;
            }
        }
        Some(path) => {
            if let Err(problem) = super::write::write_atomically(path, &output) {
                eprintln!(
                    "error: cannot write `{}`: {}",
                    crate::render::escape_control(&super::inputs::display(path)),
                    crate::render::escape_control(&problem)
                );
                return Status::Trouble;
            }
        }
    }
    Status::Success
}
