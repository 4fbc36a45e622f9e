//! `canvasc build --format png|pdf`: the board drawn without a browser.
//!
//! The PNG of every example is decoded: it is as large as the SVG at the
//! scale asked for, and the title band of each of the nine blocks holds
//! text-coloured pixels (the block's title drawn in the bundled font), where
//! the margin around the board holds none. The PDF is one page of the
//! board's size whose text is real text in the embedded font. (`pdftotext`
//! reading every title back is a step of `.ci/run`.)

use std::path::{Path, PathBuf};

use canvasc::output::image::{pdf, png};
use canvasc::output::svg::svg;
use resvg::tiny_skia::Pixmap;

type Result<T = ()> = std::result::Result<T, String>;

fn fail(error: impl std::fmt::Display) -> String {
    error.to_string()
}

const BLOCKS: [&str; 9] = [
    "partners",
    "activities",
    "resources",
    "propositions",
    "relationships",
    "channels",
    "segments",
    "costs",
    "revenues",
];

fn examples() -> Vec<PathBuf> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(directory)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.extension().is_some_and(|extension| extension == "canvas"))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths
}

fn board_svg(path: &Path) -> Result<String> {
    let source = std::fs::read_to_string(path).map_err(fail)?;
    let checked = canvasc::check(path.display().to_string(), &source);
    if checked.has_errors() {
        return Err(format!("{} has errors", path.display()));
    }
    Ok(svg(&checked))
}

/// A rectangle in SVG units.
#[derive(Clone, Copy, Debug)]
struct Frame {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

/// The SVG's size and the frame of each block, by class.
type Layout = ((f64, f64), Vec<(String, Frame)>);

/// The layout, read from the SVG itself.
fn layout(svg: &str) -> Result<Layout> {
    let document = roxmltree::Document::parse(svg).map_err(fail)?;
    let root = document.root_element();
    let number = |node: roxmltree::Node, name: &str| -> Result<f64> {
        node.attribute(name)
            .and_then(|value| value.parse().ok())
            .ok_or_else(|| format!("no {name} on <{}>", node.tag_name().name()))
    };
    let size = (number(root, "width")?, number(root, "height")?);
    let mut frames = Vec::new();
    for group in root.descendants().filter(|node| node.has_tag_name("g")) {
        let Some(class) = group.attribute("class").and_then(|class| class.strip_prefix("block ")) else {
            continue;
        };
        let Some(rect) = group
            .children()
            .find(|node| node.has_tag_name("rect") && node.attribute("class") == Some("frame"))
        else {
            continue;
        };
        frames.push((
            class.to_string(),
            Frame {
                x: number(rect, "x")?,
                y: number(rect, "y")?,
                width: number(rect, "width")?,
                height: number(rect, "height")?,
            },
        ));
    }
    Ok((size, frames))
}

/// Pixels as dark as the board's text (#222 to #666) in a region, given in
/// SVG units and scaled.
fn dark_pixels(pixmap: &Pixmap, scale: f64, x: f64, y: f64, width: f64, height: f64) -> usize {
    let to_pixel = |value: f64| (value * scale).round().max(0.0) as u32;
    let (left, top) = (to_pixel(x), to_pixel(y));
    let right = to_pixel(x + width).min(pixmap.width());
    let bottom = to_pixel(y + height).min(pixmap.height());
    let mut count = 0;
    for row in top..bottom {
        for column in left..right {
            if let Some(pixel) = pixmap.pixel(column, row) {
                let pixel = pixel.demultiply();
                let luma =
                    0.299 * f64::from(pixel.red()) + 0.587 * f64::from(pixel.green()) + 0.114 * f64::from(pixel.blue());
                if pixel.alpha() > 200 && luma < 120.0 {
                    count += 1;
                }
            }
        }
    }
    count
}

#[test]
fn every_example_as_png_has_its_size_and_every_block_title() -> Result {
    let examples = examples();
    assert!(examples.len() >= 5, "{examples:?}");
    for (index, path) in examples.iter().enumerate() {
        let svg = board_svg(path)?;
        let ((width, height), frames) = layout(&svg)?;
        // Scale 2 (the default), one between, then 1 for the rest.
        let scale = [2.0, 1.5].get(index).copied().unwrap_or(1.0);
        let bytes = png(&svg, scale as f32).map_err(fail)?;
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let pixmap = Pixmap::decode_png(&bytes).map_err(fail)?;
        assert_eq!(
            (pixmap.width(), pixmap.height()),
            ((width * scale).ceil() as u32, (height * scale).ceil() as u32),
            "{}",
            path.display()
        );
        let found: Vec<&str> = frames.iter().map(|(class, _)| class.as_str()).collect();
        assert_eq!(found, BLOCKS, "{}", path.display());
        for (class, frame) in &frames {
            // The title sits in the block's top 30 units, left-aligned.
            let band = frame.height.min(28.0);
            let title = dark_pixels(&pixmap, scale, frame.x + 2.0, frame.y + 2.0, frame.width - 4.0, band);
            assert!(
                title as f64 >= 40.0 * scale * scale,
                "{}: the {class} title has only {title} dark pixels",
                path.display()
            );
        }
        // The margin left of the board is the page's colour, no text.
        assert_eq!(dark_pixels(&pixmap, scale, 0.0, 120.0, 15.0, height - 140.0), 0);
    }
    Ok(())
}

#[test]
fn a_png_draws_text_in_the_bundled_font_not_boxes() -> Result {
    // The same word drawn twice gives the same pixels; two different words
    // give different ones: glyphs are drawn, not a missing-glyph box each.
    let word = |text: &str| {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="30" font-size="24" font-family="Helvetica, Arial, sans-serif">{text}</text></svg>"#
        )
    };
    let draw = |text: &str| -> Result<Vec<u8>> {
        let pixmap = Pixmap::decode_png(&png(&word(text), 1.0).map_err(fail)?).map_err(fail)?;
        Ok(pixmap.data().to_vec())
    };
    assert_eq!(draw("Hello")?, draw("Hello")?);
    assert_ne!(draw("Hello")?, draw("Hallo")?);
    assert_ne!(draw("Hello")?, draw("")?);
    Ok(())
}

/// Every `/MediaBox` of a PDF, as numbers.
fn media_boxes(pdf: &[u8]) -> Vec<Vec<f64>> {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/MediaBox [")
        .filter_map(|(start, _)| {
            let rest = &text[start + "/MediaBox [".len()..];
            let end = rest.find(']')?;
            Some(rest[..end].split_whitespace().filter_map(|n| n.parse().ok()).collect())
        })
        .collect()
}

#[test]
fn the_pdf_is_one_page_of_the_board_with_real_text() -> Result {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/saas-analytics.canvas");
    let svg = board_svg(&path)?;
    let ((width, height), _) = layout(&svg)?;
    let bytes = pdf(&svg).map_err(fail)?;
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.trim_ascii_end().ends_with(b"%%EOF"));
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(
        text.matches("/Type /Page\n").count()
            + text.matches("/Type /Page/").count()
            + text.matches("/Type /Page ").count(),
        1,
        "one page"
    );
    // 96 SVG units per inch, 72 points per inch.
    let boxes = media_boxes(&bytes);
    assert_eq!(boxes.len(), 1);
    let expected = [0.0, 0.0, width * 0.75, height * 0.75];
    assert!(
        boxes[0]
            .iter()
            .zip(expected)
            .all(|(got, want)| (got - want).abs() < 0.5),
        "{boxes:?} for {expected:?}"
    );
    // Text as text: an embedded TrueType subset with a Unicode map, so it
    // can be selected and searched; and only the bundled font.
    assert!(text.contains("/FontFile2"));
    assert!(text.contains("/ToUnicode"));
    assert!(text.contains("LiberationSans"));
    for other in ["DejaVu", "Helvetica", "Arial"] {
        assert!(!text.contains(&format!("/BaseFont /{other}")), "{other}");
    }
    Ok(())
}

fn canvasc(arguments: &[&str], directory: &Path) -> Result<std::process::Output> {
    std::process::Command::new(env!("CARGO_BIN_EXE_canvasc"))
        .args(arguments)
        .current_dir(directory)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(fail)
}

#[test]
fn build_writes_images_with_o_and_to_a_pipe() -> Result {
    let directory = tempfile::tempdir().map_err(fail)?;
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/beauty-shop.canvas");
    let example = example.to_string_lossy();
    let written = canvasc(
        &["build", &example, "--format", "png", "--scale", "1", "-o", "board.png"],
        directory.path(),
    )?;
    assert_eq!(
        written.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    assert!(written.stdout.is_empty());
    let file = std::fs::read(directory.path().join("board.png")).map_err(fail)?;
    let pixmap = Pixmap::decode_png(&file).map_err(fail)?;
    assert_eq!(pixmap.width(), 1600);

    // Standard output that is not a terminal takes the bytes as they are.
    let piped = canvasc(
        &["build", &example, "--format", "png", "--scale", "1"],
        directory.path(),
    )?;
    assert_eq!(piped.status.code(), Some(0));
    assert_eq!(piped.stdout, file);

    let pdf = canvasc(
        &["build", &example, "--format", "pdf", "-o", "board.pdf"],
        directory.path(),
    )?;
    assert_eq!(pdf.status.code(), Some(0), "{}", String::from_utf8_lossy(&pdf.stderr));
    assert!(std::fs::read(directory.path().join("board.pdf"))
        .map_err(fail)?
        .starts_with(b"%PDF-"));

    // A scale too large for memory is refused before anything is drawn.
    let huge = canvasc(
        &["build", &example, "--format", "png", "--scale", "40", "-o", "huge.png"],
        directory.path(),
    )?;
    assert_eq!(huge.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&huge.stderr).contains("--scale"));
    assert!(!directory.path().join("huge.png").exists());
    for bad in ["0", "-1", "nan"] {
        let refused = canvasc(
            &["build", &example, "--format", "png", "--scale", bad, "-o", "bad.png"],
            directory.path(),
        )?;
        assert_eq!(refused.status.code(), Some(2), "--scale {bad}");
    }
    Ok(())
}
