//! `canvasc diff`: snapshots of the three formats over before/after pairs
//! in `tests/diff/<case>/{old,new}.canvas` (a missing side is no canvas,
//! as for an added or deleted file), each snapshot holding both sides so it
//! reads on its own; assertions on what a reviewer must see; and git
//! integration in real repositories, which needs git and so runs only when
//! `CANVASC_GIT_TESTS=1` (`.ci/run` sets it and installs git).

use std::path::{Path, PathBuf};
use std::process::Command;

use canvasc::diff::{diff, render, ChangeKind, ModelDiff};

fn side(folder: &Path, name: &str) -> (String, canvasc::Checked) {
    match std::fs::read_to_string(folder.join(name)) {
        Ok(source) => (source.clone(), canvasc::check(name, &source)),
        Err(_) => {
            let mut nothing = canvasc::check(name, "");
            nothing.diagnostics.clear();
            ("(no file)\n".to_string(), nothing)
        }
    }
}

fn case(name: &str) -> ModelDiff {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff").join(name);
    diff(&side(&folder, "old.canvas").1, &side(&folder, "new.canvas").1)
}

fn diff_of(old: &str, new: &str) -> ModelDiff {
    diff(&canvasc::check("old.canvas", old), &canvasc::check("new.canvas", new))
}

#[test]
fn before_and_after_pairs() {
    insta::glob!("diff/*/new.canvas", |path| {
        let folder = path.parent().expect("a case folder");
        let (old_source, old) = side(folder, "old.canvas");
        let (new_source, new) = side(folder, "new.canvas");
        let change = diff(&old, &new);
        let text = render::text(&change, "old.canvas", "new.canvas", false);
        let markdown = render::markdown(&change, "old.canvas", "new.canvas");
        let json = render::json(&change, "old.canvas", "new.canvas");
        insta::assert_snapshot!(format!(
            "---- old ----\n{old_source}\n---- new ----\n{new_source}\n---- diff ----\n{text}\n\
             ---- diff --format md ----\n{markdown}\n---- diff --format json ----\n{json}"
        ));
    });
}

/// The text diff of every case, for the assertions that hold for all.
fn every_case() -> Vec<(String, ModelDiff, String)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("tests/diff")
        .flatten()
        .map(|entry| entry.path())
        .collect();
    cases.sort();
    cases
        .into_iter()
        .map(|path| {
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().to_string())
                .unwrap_or_default();
            let change = case(&name);
            let text = render::text(&change, "old.canvas", "new.canvas", false);
            (name, change, text)
        })
        .collect()
}

#[test]
fn no_change_ever_prints_two_identical_block_lines() {
    for (name, _, text) in every_case() {
        let titles: Vec<&str> = text.lines().filter(|line| !line.starts_with(' ')).collect();
        for (index, title) in titles.iter().enumerate() {
            if title.is_empty() {
                continue;
            }
            let body = &title[1..];
            assert!(
                !titles[index + 1..].iter().any(|other| other.get(1..) == Some(body)),
                "{name}: {title:?} twice\n{text}"
            );
        }
    }
}

#[test]
fn layout_comments_and_order_are_no_change() {
    assert!(case("reorder-only").is_empty());
}

#[test]
fn a_rename_is_reported_as_one() {
    let change = case("rename");
    assert_eq!(change.blocks.len(), 1, "{change:#?}");
    assert_eq!(change.blocks[0].renamed_from.as_deref(), Some("young-women"));
    assert_eq!(change.blocks[0].id, "young-adults");
}

#[test]
fn added_and_removed_blocks_show_their_whole_content() {
    let change = case("added-blocks");
    let added: Vec<_> = change
        .blocks
        .iter()
        .filter(|block| block.change == ChangeKind::Added)
        .collect();
    assert_eq!(added.len(), 3, "{change:#?}");
    let events = added.iter().find(|block| block.id == "events").expect("events added");
    assert_eq!(
        events.content,
        [
            "revenue events \"Workshops and events\"",
            "from freelancers, startups",
            "type usage-fee",
            "pricing list-price",
            "price 40 EUR per customer per month",
        ]
    );
    assert!(events
        .fields
        .iter()
        .any(|field| field.field == "price" && field.after.is_some()));
    let text = render::text(&change, "a", "b", false);
    assert!(
        text.contains("+ revenue events \"Workshops and events\"\n    from freelancers, startups\n"),
        "{text}"
    );
    // Three short paragraphs: a title and its statements each, a blank line between.
    let paragraphs = text.split("\n\n").filter(|part| part.starts_with("+ ")).count();
    assert_eq!(paragraphs, 3, "{text}");
    let json = render::json(&change, "a", "b");
    assert!(json.contains("\"price 40 EUR per customer per month\""), "{json}");

    let removed = case("removed-blocks");
    assert_eq!(removed.count(ChangeKind::Removed), 3);
    let text = render::text(&removed, "a", "b", false);
    assert!(
        text.contains("- segment startups \"Early-stage start-ups\"\n    type niche\n"),
        "{text}"
    );
    let markdown = render::markdown(&removed, "a", "b");
    assert!(markdown.contains("  - need \"a room for a team\""), "{markdown}");
}

#[test]
fn a_rename_with_an_edit_is_a_rename_with_its_changes() {
    let change = case("rename-with-edit");
    let renamed: Vec<_> = change
        .blocks
        .iter()
        .filter(|block| block.change == ChangeKind::Renamed)
        .collect();
    assert_eq!(renamed.len(), 1, "{change:#?}");
    assert_eq!(renamed[0].id, "solo-workers");
    assert_eq!(renamed[0].renamed_from.as_deref(), Some("freelancers"));
    assert_eq!(renamed[0].fields.len(), 1);
    assert_eq!(renamed[0].fields[0].field, "size");
    // The references that followed are not changes of their blocks.
    assert_eq!(change.blocks.len(), 1, "{change:#?}");
    let text = render::text(&change, "a", "b", false);
    assert!(
        text.contains("> segment solo-workers (renamed from freelancers; 5 of 6"),
        "{text}"
    );
    assert!(text.contains("    size: 400 → 450"), "{text}");
}

#[test]
fn the_rename_threshold_edges() {
    // Exactly half of six shared: a rename, whose references followed.
    let half = case("rename-half-shared");
    assert_eq!(half.count(ChangeKind::Renamed), 1, "{half:#?}");
    assert_eq!(half.blocks.len(), 1, "{half:#?}");
    let similarity = half.blocks[0].similarity.expect("a similarity");
    assert_eq!((similarity.shared, similarity.of), (3, 6));
    // Two of six: a removed and an added segment.
    let under = case("rename-under-half");
    assert_eq!(under.count(ChangeKind::Renamed), 0, "{under:#?}");
    assert!(under
        .blocks
        .iter()
        .any(|block| block.change == ChangeKind::Removed && block.id == "freelancers"));
    assert!(under
        .blocks
        .iter()
        .any(|block| block.change == ChangeKind::Added && block.id == "members"));
    // A block replaced by an unrelated one (one statement of three shared).
    let replaced = case("replaced-block");
    assert_eq!(replaced.count(ChangeKind::Renamed), 0, "{replaced:#?}");
    assert_eq!(replaced.count(ChangeKind::Removed), 1);
    assert_eq!(replaced.count(ChangeKind::Added), 1);
}

#[test]
fn a_tie_is_no_rename() {
    // Two identical blocks renamed at once: which became which is unknowable.
    let old = "activity a { type platform }\nactivity b { type platform }\n";
    let new = "activity c { type platform }\nactivity d { type platform }\n";
    let change = diff_of(old, new);
    assert_eq!(change.count(ChangeKind::Renamed), 0, "{change:#?}");
    // The most alike pair wins over a weaker one.
    let old = "activity a \"A\" { type platform }\nactivity b \"B\" { type production }\n";
    let new = "activity c \"A\" { type platform }\n";
    let change = diff_of(old, new);
    let renamed: Vec<_> = change
        .blocks
        .iter()
        .filter(|block| block.change == ChangeKind::Renamed)
        .collect();
    assert_eq!(renamed.len(), 1, "{change:#?}");
    assert_eq!(renamed[0].renamed_from.as_deref(), Some("a"));
}

#[test]
fn a_relationship_label_is_a_field_change() {
    let change = case("relationship-label");
    assert_eq!(change.blocks.len(), 1, "{change:#?}");
    let block = &change.blocks[0];
    assert_eq!(block.change, ChangeKind::Changed);
    assert_eq!(block.fields.len(), 1);
    assert_eq!(block.fields[0].field, "label");
    let text = render::text(&change, "a", "b", false);
    assert!(
        text.contains("~ relationship community \"Members' breakfasts\" (for freelancers)\n    label: \"Members' evenings\" → \"Members' breakfasts\"\n"),
        "{text}"
    );
    // Of two with the same type and segments, the one whose label changed.
    let change = case("relationships-same-segments");
    assert_eq!(change.blocks.len(), 1, "{change:#?}");
    assert_eq!(change.blocks[0].fields[0].field, "label");
}

#[test]
fn economics_show_before_after_and_the_signed_change() {
    let change = case("economics-deltas");
    let margin = change.economics.canvas_figure("monthly_margin").expect("a margin");
    // 400 × 150 − 9,000 = 51,000; 420 × 180 − 9,500 = 66,100.
    assert_eq!(margin.before, "51000.00");
    assert_eq!(margin.after, "66100.00");
    assert_eq!(margin.change.as_deref(), Some("15100.00"));
    assert_eq!(change.economics.segments.len(), 1, "{:#?}", change.economics);
    let segment = &change.economics.segments[0];
    assert_eq!(segment.segment, "freelancers");
    let revenue = segment
        .figures
        .iter()
        .find(|figure| figure.name == "revenue")
        .expect("revenue");
    assert_eq!(revenue.change.as_deref(), Some("15600.00"));
    let text = render::text(&change, "a", "b", false);
    assert!(text.contains("51,000.00 → 66,100.00  (+15,100.00 EUR)"), "{text}");
    assert!(text.contains("  segment freelancers\n"), "{text}");
    assert!(text.contains("revenue per customer"), "{text}");
    let summary = render::summary(&change);
    assert!(summary.contains("margin +15,100.00 EUR a month"), "{summary}");
    // A fall is signed too.
    let back = case_reversed("economics-deltas");
    assert!(render::summary(&back).contains("margin −15,100.00 EUR a month"));
}

fn case_reversed(name: &str) -> ModelDiff {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff").join(name);
    diff(&side(&folder, "new.canvas").1, &side(&folder, "old.canvas").1)
}

#[test]
fn introduced_and_resolved_diagnostics_are_located() {
    let change = case("diagnostics-places");
    assert!(!change.introduced.is_empty(), "{change:#?}");
    for item in &change.introduced {
        assert_eq!(item.file, "new.canvas");
        assert!(item.line.is_some() && item.column.is_some(), "{item:?}");
    }
    let text = render::text(&change, "old.canvas", "new.canvas", false);
    let journey = change
        .introduced
        .iter()
        .find(|item| item.code == canvasc::Code::IncompleteJourney)
        .expect("the after-sales phase is gone");
    assert!(
        text.contains(&format!(
            "+ new.canvas:{}:{}: warning[incomplete-journey]: ",
            journey.line.unwrap_or_default(),
            journey.column.unwrap_or_default()
        )),
        "{text}"
    );
    // Resolved ones are placed in the old file.
    let back = case_reversed("diagnostics-places");
    assert!(back
        .resolved
        .iter()
        .all(|item| item.file == "new.canvas" && item.line.is_some()));
}

#[test]
fn the_markdown_summary_comes_first_and_the_detail_folds() {
    let change = case("added-blocks");
    let markdown = render::markdown(&change, "old.canvas", "new.canvas");
    let mut lines = markdown.lines();
    assert!(lines.next().is_some_and(|line| line.starts_with("### ")));
    assert_eq!(lines.next(), Some(""));
    let summary = lines.next().unwrap_or_default();
    assert!(summary.starts_with("3 blocks added"), "{markdown}");
    assert!(summary.contains("margin +"), "{markdown}");
    assert!(
        markdown.contains("<details><summary>Blocks (3)</summary>\n\n"),
        "{markdown}"
    );
    assert_eq!(
        markdown.matches("<details>").count(),
        markdown.matches("</details>").count()
    );
}

/// Every `<` in Markdown output is one of canvasc's own tags or `<br>`.
fn own_tags_only(markdown: &str) {
    let mut rest = markdown;
    while let Some(at) = rest.find('<') {
        let tail = &rest[at..];
        assert!(
            ["<br>", "<details>", "</details>", "<summary>", "</summary>"]
                .iter()
                .any(|tag| tail.starts_with(tag)),
            "raw HTML from user text: {}",
            &tail[..tail.len().min(40)]
        );
        rest = &tail[1..];
    }
}

#[test]
fn markdown_lets_no_link_image_mention_or_markup_through() {
    let change = case("hostile-labels");
    let markdown = render::markdown(&change, "old.canvas", "new.canvas");
    own_tags_only(&markdown);
    for line in markdown.lines() {
        // canvasc's own inline code: the rule code in the diagnostics table.
        let line = ["error", "warning", "advice"]
            .iter()
            .fold(line.to_string(), |line, severity| {
                line.replace(&format!("{severity} `unmet-need`"), "")
            });
        let line = line.as_str();
        // A link or an image needs an unescaped `[` or `![`.
        let bytes = line.as_bytes();
        for (index, byte) in bytes.iter().enumerate() {
            if matches!(byte, b'[' | b']' | b'*' | b'`' | b'~') {
                let escaped = index > 0 && bytes[index - 1] == b'\\';
                let own = line.starts_with("- ") && *byte == b'*' || *byte == b'`' && !line.contains("evil");
                assert!(escaped || own, "unescaped {:?} in {line:?}", *byte as char);
            }
        }
        // GitHub's autolinks and mentions.
        assert!(
            !line.match_indices("://").any(|(at, _)| !line[..at].ends_with('\\')),
            "{line}"
        );
        assert!(!line.to_lowercase().contains("www.evil"), "{line}");
        assert!(
            !line.contains("@octocat") && !line.contains("@here") && !line.contains("@evil"),
            "{line}"
        );
    }
    // The text is all there, escaped rather than dropped.
    assert!(markdown.contains("\\[click\\](https\\://evil.example)"), "{markdown}");
    assert!(markdown.contains("&lt;script\\>alert(1)&lt;/script\\>"), "{markdown}");
    // `build --format md` escapes with the same function.
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff/hostile-labels");
    let board = canvasc::output::markdown::markdown(&side(&folder, "new.canvas").1);
    own_tags_only(&board);
    assert!(board.contains("\\[click\\](https\\://evil.example)"), "{board}");
    assert!(!board.contains("@octocat"));
}

#[test]
fn diff_of_generated_canvases_finds_each_rename() {
    // A small generator: n segments with needs drawn from a fixed list.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound as u64) as usize
    };
    const NEEDS: &[&str] = &[
        "speed", "price", "trust", "choice", "advice", "comfort", "status", "safety",
    ];
    for round in 0..20 {
        let count = 2 + next(8);
        let mut old = String::from("canvas \"Generated\" { currency EUR }\n");
        let mut segments = Vec::new();
        for index in 0..count {
            let needs: Vec<&str> = (0..1 + next(4)).map(|_| NEEDS[next(NEEDS.len())]).collect();
            segments.push((format!("s{round}-{index}"), needs, 10 + next(1000)));
        }
        let write = |segments: &[(String, Vec<&str>, usize)]| {
            let mut text = old.clone();
            for (id, needs, size) in segments {
                text.push_str(&format!("\nsegment {id} \"Segment {id}\" {{\n  type niche\n"));
                for need in needs {
                    text.push_str(&format!("  need \"{need}\"\n"));
                }
                text.push_str(&format!("  size {size}\n}}\n"));
            }
            text
        };
        let before = write(&segments);
        let change = diff_of(&before, &before);
        assert!(change.is_empty(), "round {round}: {change:#?}");
        // Rename one segment and change its size: still the same label,
        // type and needs, so well over half is shared.
        let target = next(count);
        let mut after_segments = segments.clone();
        after_segments[target].0 = format!("renamed-{round}");
        after_segments[target].2 += 1;
        let after = write(&after_segments);
        let change = diff_of(&before, &after);
        let renamed: Vec<_> = change
            .blocks
            .iter()
            .filter(|block| block.change == ChangeKind::Renamed)
            .collect();
        assert_eq!(renamed.len(), 1, "round {round}: {change:#?}");
        assert_eq!(renamed[0].renamed_from.as_deref(), Some(segments[target].0.as_str()));
        assert_eq!(change.blocks.len(), 1, "round {round}: {change:#?}");
        old.clear();
        old.push_str("canvas \"Generated\" { currency EUR }\n");
    }
}

#[test]
fn every_example_diffed_with_itself_is_empty() {
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
        .expect("examples")
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|extension| extension == "canvas"))
    {
        let source = std::fs::read_to_string(entry.path()).expect("UTF-8");
        let checked = canvasc::check("x", &source);
        let change = diff(&checked, &checked);
        assert!(change.is_empty() && change.introduced.is_empty() && change.resolved.is_empty());
        assert!(change.economics.segments.is_empty());
        assert!(render::summary(&change).starts_with("No change"));
    }
}

#[test]
fn exit_statuses() {
    let binary = env!("CARGO_BIN_EXE_canvasc");
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff");
    let run = |case: &str| {
        Command::new(binary)
            .args(["diff"])
            .arg(folder.join(case).join("old.canvas"))
            .arg(folder.join(case).join("new.canvas"))
            .output()
            .expect("runs")
            .status
            .code()
    };
    assert_eq!(run("reorder-only"), Some(0));
    assert_eq!(run("price-and-phase"), Some(1));
    let directory = tempfile::tempdir().expect("a temp dir");
    let broken = directory.path().join("broken.canvas");
    std::fs::write(&broken, "canvas \"x\" {\n  description \"open\n}\n").expect("writable");
    let status = Command::new(binary)
        .arg("diff")
        .arg(&broken)
        .arg(&broken)
        .output()
        .expect("runs")
        .status
        .code();
    assert_eq!(status, Some(2));
    let missing = Command::new(binary)
        .args(["diff", "/nonexistent/a.canvas", "/nonexistent/b.canvas"])
        .output();
    assert_eq!(missing.expect("runs").status.code(), Some(2));
    let twice = Command::new(binary).args(["diff", "-", "-"]).output().expect("runs");
    assert_eq!(twice.status.code(), Some(2));
}

#[test]
fn as_a_git_driver_a_broken_side_is_a_text_diff_and_status_0() {
    // The driver's own arguments, without git: path, old file, hex, mode, new file, hex, mode.
    let binary = env!("CARGO_BIN_EXE_canvasc");
    let directory = tempfile::tempdir().expect("a temp dir");
    let good = directory.path().join("good.canvas");
    let broken = directory.path().join("broken.canvas");
    std::fs::write(&good, "segment a \"A\" { type niche }\n").expect("writable");
    std::fs::write(&broken, "segment a \"A\" { type niche }\nsegment b {\n").expect("writable");
    let output = Command::new(binary)
        .args(["diff", "--git", "shop.canvas"])
        .arg(&good)
        .args(["0000000", "100644"])
        .arg(&broken)
        .args(["1111111", "100644"])
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let shown = String::from_utf8_lossy(&output.stdout);
    let mut lines = shown.lines();
    let head = lines.next().unwrap_or_default();
    assert!(
        head.starts_with("canvasc: cannot compare the models: the new shop.canvas has a syntax error at 2:11: ")
            && head.ends_with("; the text diff follows"),
        "{shown}"
    );
    assert_eq!(lines.next(), Some("--- a/shop.canvas"));
    assert_eq!(lines.next(), Some("+++ b/shop.canvas"));
    assert!(shown.contains("\n+segment b {\n"), "{shown}");
    // An unreadable side too.
    let output = Command::new(binary)
        .args(["diff", "--git", "shop.canvas", "/nonexistent/old.canvas", "0", "100644"])
        .arg(&good)
        .args(["1", "100644"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(shown.contains("the old shop.canvas cannot be read"), "{shown}");
    assert!(shown.contains("+segment a \"A\" { type niche }"), "{shown}");
}

/// Whether the tests that need git run: `.ci/run` sets `CANVASC_GIT_TESTS=1`.
fn git_tests() -> bool {
    let wanted = std::env::var("CANVASC_GIT_TESTS").is_ok_and(|value| value == "1");
    if !wanted {
        eprintln!("skipped: set CANVASC_GIT_TESTS=1 (and have git) to run the git tests");
    }
    wanted
}

fn git(directory: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(directory)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", directory)
        .env("NO_COLOR", "1")
        .output()
        .expect("git runs")
}

fn commit(repo: &Path, file: &str, text: &str, message: &str) {
    std::fs::write(repo.join(file), text).expect("writable");
    assert!(git(repo, &["add", "."]).status.success());
    let output = git(repo, &["commit", "-qm", message]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

fn repository() -> tempfile::TempDir {
    let directory = tempfile::tempdir().expect("a temp dir");
    let repo = directory.path();
    assert!(git(repo, &["init", "-q"]).status.success());
    std::fs::write(repo.join(".gitattributes"), "*.canvas diff=canvas\n").expect("writable");
    directory
}

/// The README's driver configuration, as `-c` arguments.
fn driver() -> String {
    format!("diff.canvas.command={} diff --git", env!("CARGO_BIN_EXE_canvasc"))
}

#[test]
fn works_as_a_git_diff_driver_and_reads_revisions() {
    if !git_tests() {
        return;
    }
    let directory = repository();
    let repo = directory.path();
    let binary = env!("CARGO_BIN_EXE_canvasc");
    let base = include_str!("../examples/beauty-shop.canvas");
    commit(repo, "shop.canvas", base, "first");

    let changed = base.replace(
        "price 12 EUR per customer per month",
        "price 14 EUR per customer per month",
    );
    std::fs::write(repo.join("shop.canvas"), &changed).expect("writable");
    std::fs::write(repo.join("new.canvas"), base).expect("writable");
    assert!(git(repo, &["add", "."]).status.success());
    let driver = driver();
    let output = git(repo, &["-c", &driver, "diff", "--cached", "--ext-diff"]);
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "git diff failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(shown.contains("~ revenue sales"), "{shown}");
    assert!(shown.contains("14.00 EUR per customer per month"), "{shown}");
    // The added file is compared against no canvas at all.
    assert!(shown.contains("+ segment young-women"), "{shown}");

    // A renamed file: git passes nine arguments.
    assert!(git(repo, &["commit", "-qm", "second"]).status.success());
    assert!(git(repo, &["mv", "new.canvas", "moved.canvas"]).status.success());
    let output = git(repo, &["-c", &driver, "diff", "--cached", "-M", "--ext-diff"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    // Revisions directly.
    let output = Command::new(binary)
        .args(["diff", "HEAD~1:shop.canvas", "shop.canvas"])
        .current_dir(repo)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("price: 12.00 EUR"));
}

#[test]
fn a_revision_is_never_an_option_to_git() {
    if !git_tests() {
        return;
    }
    let directory = repository();
    let repo = directory.path();
    let binary = env!("CARGO_BIN_EXE_canvasc");
    let base = "segment a \"A\" { type niche }\n";
    commit(repo, "new.canvas", base, "first");
    for hostile in ["--output=pwned:f", "--output=pwned", "-opwned:x"] {
        let output = Command::new(binary)
            .args(["diff", "--", hostile, "new.canvas"])
            .current_dir(repo)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{hostile}");
        assert!(
            !repo.join("pwned").exists() && !repo.join("pwned:f").exists(),
            "{hostile} wrote a file"
        );
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(
            message.contains("cannot start with `-`") || message.contains("cannot read"),
            "{message}"
        );
    }
    // `--end-of-options` keeps a revision git would otherwise parse as one.
    let output = Command::new(binary)
        .args(["diff", "HEAD:new.canvas", "new.canvas"])
        .current_dir(repo)
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The canvas of a realistic history: a cowork space over three commits,
/// the middle one broken.
const COWORK: &str = include_str!("diff/added-blocks/old.canvas");

#[test]
fn a_broken_revision_never_stops_git_log() {
    if !git_tests() {
        return;
    }
    let directory = repository();
    let repo = directory.path();
    commit(repo, "cowork.canvas", COWORK, "first");
    // A commit with a syntax error.
    let broken = COWORK.replace("size 400\n}", "size 400\n");
    commit(repo, "cowork.canvas", &broken, "broken");
    // Then a reviewer's everyday change: a block added, a rename with an
    // edit, a label changed, a price changed.
    let good = COWORK
        .replace("segment freelancers ", "segment solo-workers ")
        .replace("for freelancers", "for solo-workers")
        .replace("reaches freelancers", "reaches solo-workers")
        .replace("from freelancers", "from solo-workers")
        .replace("size 400", "size 450")
        .replace("Members' evenings", "Members' breakfasts")
        .replace("price 150 EUR", "price 170 EUR")
        .replace("  phase after-sales\n", "")
        + "\nresource wifi \"Fast wifi\" {\n  type physical\n}\n";
    commit(repo, "cowork.canvas", &good, "fixed");

    let output = git(
        repo,
        &["-c", &driver(), "log", "-p", "--ext-diff", "--format=commit %s"],
    );
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}\n{shown}",
        String::from_utf8_lossy(&output.stderr)
    );
    for subject in ["commit fixed", "commit broken", "commit first"] {
        assert_eq!(shown.matches(subject).count(), 1, "{subject} shown once:\n{shown}");
    }
    // The broken revision as a text diff, both times it is a side.
    assert_eq!(
        shown.matches("canvasc: cannot compare the models").count(),
        2,
        "{shown}"
    );
    assert!(shown.contains("has a syntax error at"), "{shown}");
    // The first commit: the whole canvas added, with its content.
    assert!(
        shown.contains("+ revenue day-passes \"Day passes\"\n    from freelancers\n"),
        "{shown}"
    );

    // The good change, first commit to last: each change once, with its content.
    let output = git(repo, &["-c", &driver(), "diff", "--ext-diff", "HEAD~2", "HEAD"]);
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    for line in [
        "> segment solo-workers (renamed from freelancers; 5 of 6 statements and label shared)\n    size: 400 → 450\n",
        "~ relationship community \"Members' breakfasts\" (for solo-workers)\n    label: \"Members' evenings\" → \"Members' breakfasts\"\n",
        "~ revenue day-passes\n    price: 150.00 EUR per customer per month → 170.00 EUR per customer per month\n",
        "+ resource wifi \"Fast wifi\"\n    type physical\n",
        "  segment solo-workers (renamed from freelancers)\n",
    ] {
        assert_eq!(shown.matches(line).count(), 1, "{line:?} once in\n{shown}");
    }
    assert!(shown.contains("(+"), "signed economics changes:\n{shown}");
    // Diagnostics are located in the file git names.
    assert!(
        shown.contains("    + cowork.canvas:5:9: warning[incomplete-journey]: the channels reaching `solo-workers`"),
        "{shown}"
    );
}

#[test]
fn a_scenario_change_is_a_change() {
    let change = case("scenario-changed");
    assert!(!change.is_empty());
    let kinds: Vec<(&str, &str, ChangeKind)> = change
        .blocks
        .iter()
        .map(|block| (block.kind.keyword(), block.id.as_str(), block.change))
        .collect();
    assert_eq!(
        kinds,
        [
            ("scenario", "price-rise", ChangeKind::Added),
            ("scenario", "quiet-summer", ChangeKind::Changed),
        ]
    );
    let text = render::text(&change, "a", "b", false);
    assert!(
        text.contains("    overrides: + segment freelancers { size 250 }\n"),
        "{text}"
    );
}
