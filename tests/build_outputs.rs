//! `canvasc build --format html|svg|md`: the board people look at.
//!
//! Every example is snapshotted in the three formats; every SVG is parsed
//! as strict XML and every line of text checked to lie inside its block by
//! the layout's own measure; hostile text (markup, quotes, bidi overrides,
//! control characters) comes out escaped exactly once in every format.

use std::path::{Path, PathBuf};

use canvasc::output::{html::html, markdown::markdown, svg::svg};

/// Every shipped example, in name order.
fn examples() -> Vec<PathBuf> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(directory)
        .expect("the examples directory")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "canvas"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    paths
}

fn check(path: &Path) -> canvasc::Checked {
    let source = std::fs::read_to_string(path).expect("examples are UTF-8");
    let name = format!(
        "examples/{}",
        path.file_name().map(|name| name.to_string_lossy()).unwrap_or_default()
    );
    canvasc::check(name, &source)
}

#[test]
fn examples_as_html_svg_and_markdown() {
    insta::glob!("../examples", "*.canvas", |path| {
        let checked = check(path);
        assert!(!checked.has_errors(), "{} has errors", path.display());
        insta::assert_snapshot!("html", html(&checked));
        insta::assert_snapshot!("svg", svg(&checked));
        insta::assert_snapshot!("md", markdown(&checked));
    });
}

/// A number attribute of an element.
fn number(node: roxmltree::Node, name: &str) -> f64 {
    let value = node
        .attribute(name)
        .unwrap_or_else(|| panic!("<{}> has no {name}", node.tag_name().name()));
    value
        .parse()
        .unwrap_or_else(|_| panic!("{name}={value:?} is not a number"))
}

#[derive(Clone, Copy, Debug)]
struct Bounds {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

impl Bounds {
    fn of(rect: roxmltree::Node) -> Bounds {
        Bounds {
            x: number(rect, "x"),
            y: number(rect, "y"),
            width: number(rect, "width"),
            height: number(rect, "height"),
        }
    }

    fn contains(&self, inner: &Bounds) -> bool {
        const SLACK: f64 = 1e-6;
        inner.x >= self.x - SLACK
            && inner.y >= self.y - SLACK
            && inner.x + inner.width <= self.x + self.width + SLACK
            && inner.y + inner.height <= self.y + self.height + SLACK
    }
}

fn has_class(node: roxmltree::Node, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|classes| classes.split_whitespace().any(|c| c == class))
}

/// The frame of the nearest enclosing group with `class`: its first `<rect>`.
fn frame_of(node: roxmltree::Node, class: &str) -> Option<Bounds> {
    let group = node
        .ancestors()
        .find(|ancestor| ancestor.has_tag_name("g") && has_class(*ancestor, class))?;
    let rect = group.children().find(|child| child.has_tag_name("rect"))?;
    Some(Bounds::of(rect))
}

/// Parses an SVG strictly and checks that every line of text lies inside
/// its block (and its note), by the layout's own measure of text. Returns
/// the text of every line.
fn assert_svg_fits(svg: &str, what: &str) -> Vec<String> {
    let document = roxmltree::Document::parse(svg).unwrap_or_else(|error| panic!("{what}: not XML: {error}"));
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
    let width = number(root, "width");
    let height = number(root, "height");
    assert_eq!(
        root.attribute("viewBox"),
        Some(format!("0 0 {width} {height}").as_str())
    );
    let image = Bounds {
        x: 0.0,
        y: 0.0,
        width,
        height,
    };
    assert!(
        !document.descendants().any(|node| node.has_tag_name("script")),
        "{what}: a script element"
    );

    let mut lines = Vec::new();
    for block in document
        .descendants()
        .filter(|node| node.has_tag_name("g") && has_class(*node, "block"))
    {
        let frame = frame_of(block, "block").unwrap_or_else(|| panic!("{what}: a block without a frame"));
        assert!(image.contains(&frame), "{what}: block {frame:?} outside the image");
        for note in block.descendants().filter(|n| has_class(*n, "note")) {
            let bounds = Bounds::of(note);
            assert!(
                frame.contains(&bounds),
                "{what}: note {bounds:?} outside block {frame:?}"
            );
        }
    }
    for text in document.descendants().filter(|node| node.has_tag_name("text")) {
        let size = number(text, "font-size");
        let bold = text.attribute("font-weight") == Some("bold");
        let block = frame_of(text, "block").unwrap_or_else(|| panic!("{what}: text outside every block"));
        let note = frame_of(text, "item");
        let spans: Vec<_> = text.children().filter(|child| child.is_element()).collect();
        assert!(!spans.is_empty(), "{what}: a <text> without lines");
        for span in spans {
            assert!(
                span.has_tag_name("tspan"),
                "{what}: <text> holds <{}>",
                span.tag_name().name()
            );
            let content = span.text().unwrap_or_default();
            // The line's box: from one font size above the baseline to a quarter below.
            let line = Bounds {
                x: number(span, "x"),
                y: number(span, "y") - size,
                width: canvasc::output::svg::text_width(content, size, bold),
                height: 1.25 * size,
            };
            assert!(
                block.contains(&line),
                "{what}: {content:?} at {line:?} overflows its block {block:?}"
            );
            if let Some(note) = note {
                assert!(
                    note.contains(&line),
                    "{what}: {content:?} at {line:?} overflows its note {note:?}"
                );
            }
            lines.push(content.to_string());
        }
    }
    lines
}

#[test]
fn every_svg_is_strict_xml_with_text_inside_its_blocks() {
    for path in examples() {
        let checked = check(&path);
        let lines = assert_svg_fits(&svg(&checked), &path.display().to_string());
        assert!(lines.iter().any(|line| line == "Customer Segments"));
        // The examples fit their board whole.
        assert!(!lines.iter().any(|line| line.ends_with(" more")), "{}", path.display());
    }
}

/// A canvas far too full for its board, with long and wide text.
fn crowded() -> String {
    let mut source = String::from("canvas \"Crowded\" {\n  description \"");
    source.push_str(&"a description that goes on and on ".repeat(20));
    source.push_str("\"\n  currency EUR\n}\n");
    for index in 0..40 {
        let label = match index % 4 {
            0 => "A segment with a label long enough to need several lines and then some more words".to_string(),
            1 => "x".repeat(300),
            2 => "顧客セグメントの長いラベル、絵文字も🎉🎉🎉".repeat(4),
            _ => "WWWW MMMM @@@@ %%%% ".repeat(8),
        };
        source.push_str(&format!(
            "segment s{index} \"{label}\" {{\n  type niche\n  need \"need {index}\"\n  size 1_000\n  attribute note \"{}\"\n}}\n",
            "attribute text ".repeat(30)
        ));
        source.push_str(&format!(
            "proposition p{index} \"{label}\" {{\n  for s{index}\n  meets \"need {index}\"\n  offers \"{}\"\n}}\n",
            "an offer ".repeat(40)
        ));
        source.push_str(&format!(
            "revenue r{index} \"{label}\" {{\n  from s{index}\n  type subscription\n  price 12 EUR per customer per month\n}}\n"
        ));
        source.push_str(&format!(
            "cost c{index} \"{label}\" {{\n  type fixed\n  amount 1_000 EUR per month\n}}\n"
        ));
    }
    source
}

#[test]
fn a_crowded_canvas_is_cut_with_more_and_never_overflows() {
    let checked = canvasc::check("crowded.canvas", &crowded());
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics.first());
    let lines = assert_svg_fits(&svg(&checked), "crowded");
    let more: Vec<&String> = lines.iter().filter(|line| line.ends_with(" more")).collect();
    assert!(
        more.len() >= 4,
        "every crowded block says how much is left out: {more:?}"
    );
    assert!(more.iter().all(|line| line.starts_with('+')));
    assert!(
        lines.iter().any(|line| line.ends_with('…')),
        "long text is cut with an ellipsis"
    );
    // Every item is still in the page and the Markdown, which do not cut.
    assert!(html(&checked).contains("s39"));
    assert!(markdown(&checked).contains("`s39`"));
}

/// Labels full of markup, quotes, ampersands, a bidi override and control characters.
const HOSTILE: &str = r#"canvas "<script>alert(1)</script> & \"Q\" 'A'" {
  description "<b>bold</b> & \u{202E}evil\u{1}\u{7}\u{1b}[31m | pipe\nline"
  currency EUR
}

segment s1 "<img src=x onerror=alert(1)> \u{202E}rtl\u{2066} & 'q' \"d\"" {
  type niche
  need "<script>need</script> | & \u{0}\u{FFFE}\u{FFFF}"
  size 10
}

proposition p1 "</text><script>alert(2)</script>]]>" {
  for s1
  meets "<script>need</script> | & \u{0}\u{FFFE}\u{FFFF}"
}

revenue r1 "a|b|c" {
  from s1
  type subscription
  price 12 EUR per customer per month
}
"#;

fn assert_clean_characters(output: &str, what: &str) {
    for c in output.chars() {
        assert!(
            !c.is_control() || c == '\n' || c == '\t',
            "{what}: control character {:?}",
            c
        );
        assert!(
            !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FFFE}' | '\u{FFFF}'),
            "{what}: character {:?} is obeyed or forbidden",
            c
        );
    }
}

#[test]
fn html_escapes_hostile_text_exactly_once() {
    let checked = canvasc::check("hostile.canvas", HOSTILE);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let page = html(&checked);
    assert!(!page.to_lowercase().contains("<script"), "raw script in the page");
    assert!(!page.contains("<img"), "raw markup in the page");
    assert!(
        !page.contains("&amp;lt;") && !page.contains("&amp;amp;"),
        "text escaped twice"
    );
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Q&quot; &#39;A&#39;"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt; \\u{202e}rtl\\u{2066} &amp; &#39;q&#39; &quot;d&quot;"));
    assert!(page.contains("&lt;/text&gt;&lt;script&gt;alert(2)&lt;/script&gt;]]&gt;"));
    assert!(
        page.contains("\\u{202e}evil[31m | pipe"),
        "controls dropped, bidi shown"
    );
    assert_clean_characters(&page, "html");
    assert!(page.contains(
        r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">"#
    ));
}

#[test]
fn svg_escapes_hostile_text_exactly_once() {
    let checked = canvasc::check("hostile.canvas", HOSTILE);
    let image = svg(&checked);
    assert!(!image.to_lowercase().contains("<script"));
    assert!(!image.contains("&amp;lt;") && !image.contains("&amp;amp;"));
    assert_clean_characters(&image, "svg");
    let lines = assert_svg_fits(&image, "hostile");
    // Parsed back, the text is the author's, with its markup as text.
    assert!(lines
        .iter()
        .any(|line| line.contains("<script>alert(1)</script> & \"Q\" 'A'")));
    assert!(lines.iter().any(|line| line.contains("</text><script>alert(2)")));
}

#[test]
fn markdown_escapes_hostile_text_exactly_once() {
    let checked = canvasc::check("hostile.canvas", HOSTILE);
    let document = markdown(&checked);
    assert_eq!(
        document.matches('<').count(),
        document.matches("<br>").count(),
        "raw HTML"
    );
    assert!(!document.contains("&amp;lt;") && !document.contains("&amp;amp;"));
    assert!(document.contains("&lt;script\\>alert(1)&lt;/script\\> &amp; \"Q\" 'A'"));
    assert_clean_characters(&document, "markdown");
    // Every table row has as many cell separators as its head.
    let mut columns = None;
    for line in document.lines() {
        if !line.starts_with('|') {
            columns = None;
            continue;
        }
        let bytes = line.as_bytes();
        let separators = (0..bytes.len())
            .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
            .count();
        match columns {
            None => columns = Some(separators),
            Some(expected) => assert_eq!(separators, expected, "row breaks its table: {line}"),
        }
    }
}

#[test]
fn pages_are_inert_and_self_contained() {
    for path in examples() {
        let page = html(&check(&path));
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains(&format!(
            r#"<meta http-equiv="Content-Security-Policy" content="{}">"#,
            canvasc::output::html::CONTENT_SECURITY_POLICY
        )));
        let lower = page.to_lowercase();
        for forbidden in [
            "<script", " src=", " href=", "url(", "@import", "<link", "<iframe", "<object", " on",
        ] {
            let found = match forbidden {
                // An attribute such as onclick: ` on` followed by letters and `=`.
                " on" => lower.match_indices(" on").any(|(at, _)| {
                    let rest = &lower[at + 3..];
                    let name_end = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
                    name_end > 0 && rest[name_end..].starts_with('=')
                }),
                _ => lower.contains(forbidden),
            };
            assert!(!found, "{}: the page has {forbidden:?}", path.display());
        }
    }
}

#[test]
fn the_command_line_builds_every_format() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/beauty-shop.canvas");
    for (format, start) in [
        ("html", "<!DOCTYPE html>"),
        ("svg", "<?xml"),
        ("md", "# Maria's Beauty Shop"),
    ] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_canvasc"))
            .args(["build", example, "--format", format])
            .output()
            .expect("canvasc runs");
        assert!(
            output.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let text = String::from_utf8(output.stdout).expect("UTF-8 output");
        assert!(text.starts_with(start), "{format}: {}", &text[..text.len().min(80)]);
    }
}

/// Every `.canvas` file under `directory`, recursively.
fn canvases_below(directory: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(directory) else {
        return;
    };
    for path in entries.filter_map(|entry| entry.ok().map(|entry| entry.path())) {
        if path.is_dir() {
            canvases_below(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "canvas") {
            found.push(path);
        }
    }
}

/// The outputs take any checked canvas, even one with errors (which `build`
/// refuses): none panics, and the SVG is still well-formed and fits.
#[test]
fn every_test_canvas_renders_without_panic() {
    let mut paths = Vec::new();
    canvases_below(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests"), &mut paths);
    assert!(paths.len() > 50, "the UI corpus is there");
    for path in paths {
        let bytes = std::fs::read(&path).expect("readable");
        let checked = canvasc::check_bytes(path.display().to_string(), bytes);
        let what = path.display().to_string();
        let page = html(&checked);
        assert!(!page.to_lowercase().contains("<script"), "{what}");
        assert_clean_characters(&page, &what);
        assert_svg_fits(&svg(&checked), &what);
        assert_clean_characters(&markdown(&checked), &what);
    }
}
