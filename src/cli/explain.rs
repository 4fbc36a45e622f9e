//! `canvasc explain CODE`

use super::Status;
use crate::diagnostic::did_you_mean;
use crate::Code;

#[derive(clap::Args)]
pub(super) struct Args {
    /// The rule code, such as `incomplete-journey`; without one, every code is listed.
    code: Option<String>,
}

pub(super) fn run(args: Args) -> Status {
    let Some(name) = args.code else {
        for code in Code::ALL {
            println!(
                "{:<26} {:<8} {}",
                code.as_str(),
                code.severity().as_str(),
                code.summary()
            );
        }
        return Status::Success;
    };
    match Code::from_name(&name) {
        Some(code) => {
            print!("{}", code.explanation());
            Status::Success
        }
        None => {
            eprintln!("error: unknown rule code `{}`", crate::render::escape_control(&name));
            if let Some(help) = did_you_mean_help(&name, Code::ALL.iter().map(|code| code.as_str())) {
                eprintln!("help: {help}");
            }
            eprintln!("help: `canvasc explain` lists every code");
            Status::Trouble
        }
    }
}

/// `did you mean `x`?`, when there is an `x`.
fn did_you_mean_help<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    did_you_mean(wanted, candidates).map(|name| format!("did you mean `{name}`?"))
}
