//! `build --format svg`: the nine-block board as one standalone SVG image.
//!
//! SVG has no text flow, so the layout is done here: every line of text is
//! measured with [`text_width`] (a conservative estimate of a sans-serif
//! font's advance widths), wrapped at word boundaries (a word too long for
//! its note is broken), and placed at an explicit position. The board is
//! as wide as a screen; its rows grow with what the blocks hold, up to a
//! limit, and the two stacked blocks of a column share it by need.
//!
//! Invariants: every line lies inside its block's rectangle by these
//! numbers: its x and estimated width within the block's width, its
//! baseline at least one font size below the top and a quarter font size
//! above the bottom. A block with more notes than fit shows as many as fit,
//! the last one cut with `…`, and a `+N more` line; a name is at most three
//! lines, a fact at most three. Each block is also clipped to its rectangle,
//! so a font wider than the estimate still cannot spill. User text is
//! escaped once with [`text::xml`]; the document is well-formed XML.

use std::fmt::Write as _;

use super::board::{self, Area, Board};
use super::text;
use crate::model::BlockKind;
use crate::Checked;

/// The width of the image, in user units (pixels at 100%).
pub const WIDTH: f64 = 1600.0;

const MARGIN: f64 = 20.0;
const HEADER_HEIGHT: f64 = 72.0;
/// The least and the most height of the top row (five columns) and the bottom row.
const TOP_HEIGHT: f64 = 640.0;
const TOP_MOST: f64 = 1400.0;
const BOTTOM_HEIGHT: f64 = 240.0;
const BOTTOM_MOST: f64 = 720.0;
const BLOCK_PADDING: f64 = 10.0;
const NOTE_PADDING: f64 = 6.0;
const NOTE_GAP: f64 = 8.0;

/// A font size and the height of one line at it.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Font {
    size: f64,
    line: f64,
    bold: bool,
    italic: bool,
}

const TITLE: Font = Font {
    size: 24.0,
    line: 30.0,
    bold: true,
    italic: false,
};
const SUBTITLE: Font = Font {
    size: 13.0,
    line: 17.0,
    bold: false,
    italic: false,
};
const BLOCK_TITLE: Font = Font {
    size: 15.0,
    line: 20.0,
    bold: true,
    italic: false,
};
const NAME: Font = Font {
    size: 13.0,
    line: 17.0,
    bold: true,
    italic: false,
};
const FACT: Font = Font {
    size: 11.0,
    line: 14.0,
    bold: false,
    italic: false,
};
const MORE: Font = Font {
    size: 12.0,
    line: 16.0,
    bold: false,
    italic: true,
};
const SMALL: Font = Font {
    size: 11.0,
    line: 14.0,
    bold: false,
    italic: false,
};

const MAX_NAME_LINES: usize = 3;
const MAX_FACT_LINES: usize = 3;

/// The estimated width of one character, in ems of a sans-serif font
/// (Helvetica, Arial or Liberation Sans; generous for DejaVu Sans).
pub fn char_width(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.3,
        ' ' | 'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' | '/' | '\\' | '`' | '"' => 0.42,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 1.0,
        'A'..='Z' | '&' | '#' | '~' | '+' | '=' | '<' | '>' | '?' | '_' | '{' | '}' | '^' | '*' | '$' => 0.75,
        c if c.is_ascii() => 0.6,
        '\u{0300}'..='\u{036F}' => 0.0,
        '…' | '—' | '·' => 1.0,
        c if is_wide(c) => 1.25,
        '\u{00C0}'..='\u{024F}' => 0.78,
        _ => 0.85,
    }
}

/// East Asian wide and full-width characters, and emoji.
fn is_wide(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x2600..=0x27BF
            | 0x1F000..=0x1FAFF
            | 0x20000..=0x3FFFD
    )
}

/// The estimated width of `text` at `size`, bold or not: the layout's own
/// measure, which tests use to check that text stays in its block.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let ems: f64 = text.chars().map(char_width).sum();
    ems * size * if bold { 1.08 } else { 1.0 }
}

fn width_in(text: &str, font: Font) -> f64 {
    text_width(text, font.size, font.bold)
}

/// Breaks `text` into lines no wider than `max`: at spaces where it can,
/// inside a word where a word alone is too wide. Runs of white space
/// (newlines and tabs too) count as one space.
fn wrap(text: &str, max: f64, font: Font) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width_in(&joined, font) <= max {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if width_in(word, font) <= max {
            line = word.to_string();
            continue;
        }
        // A word wider than the line: break it where it fills the line.
        for c in word.chars() {
            let mut longer = line.clone();
            longer.push(c);
            if width_in(&longer, font) > max && !line.is_empty() {
                lines.push(std::mem::replace(&mut line, c.to_string()));
            } else {
                line = longer;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `line` with `…` after it, shortened until both fit in `max`.
fn ellipsize(line: &str, max: f64, font: Font) -> String {
    let mut kept: String = line.trim_end().to_string();
    loop {
        let candidate = format!("{kept}…");
        if width_in(&candidate, font) <= max || kept.is_empty() {
            return candidate;
        }
        kept.pop();
        kept.truncate(kept.trim_end().len());
    }
}

/// At most `max_lines` lines of `text`, the last ending in `…` when some were cut.
fn wrap_capped(text: &str, max: f64, font: Font, max_lines: usize) -> Vec<String> {
    let mut lines = wrap(text, max, font);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            *last = ellipsize(last, max, font);
        }
    }
    lines
}

/// The fitted text to one line: cut with `…` when too wide.
fn one_line(text: &str, max: f64, font: Font) -> String {
    let lines = wrap(text, max, font);
    match lines.as_slice() {
        [] => String::new(),
        [only] => only.clone(),
        [first, ..] => ellipsize(first, max, font),
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Rect {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

impl Rect {
    fn bottom(&self) -> f64 {
        self.y + self.height
    }
}

/// One line of text placed: `y` is its baseline.
#[derive(Clone, Debug, PartialEq)]
struct Line {
    text: String,
    font: Font,
    x: f64,
    y: f64,
}

/// A sticky note placed.
#[derive(Clone, Debug, PartialEq)]
struct Note {
    rect: Rect,
    fill: &'static str,
    /// The item's whole name, as a tooltip.
    tooltip: String,
    lines: Vec<Line>,
}

/// A block placed, with what fits in it.
#[derive(Clone, Debug, PartialEq)]
struct Placed {
    class: &'static str,
    rect: Rect,
    title: Line,
    notes: Vec<Note>,
    more: Option<Line>,
}

/// The text of a note before placing: lines and their fonts.
struct Draft {
    fill: &'static str,
    tooltip: String,
    lines: Vec<(String, Font)>,
}

impl Draft {
    fn height(&self) -> f64 {
        2.0 * NOTE_PADDING + self.lines.iter().map(|(_, font)| font.line).sum::<f64>()
    }
}

fn draft(item: &board::Item, inner: f64) -> Draft {
    let name = text::clean(&item.name);
    let mut lines: Vec<(String, Font)> = wrap_capped(&name, inner, NAME, MAX_NAME_LINES)
        .into_iter()
        .map(|line| (line, NAME))
        .collect();
    for fact in &item.facts {
        let fact = format!("{}: {}", fact.key, text::clean(&fact.value));
        lines.extend(
            wrap_capped(&fact, inner, FACT, MAX_FACT_LINES)
                .into_iter()
                .map(|line| (line, FACT)),
        );
    }
    Draft {
        fill: item.fill(),
        tooltip: item.name.clone(),
        lines,
    }
}

/// The height a block needs to show all its notes whole.
fn needed_height(area: Option<&Area>, width: f64, columns: usize) -> f64 {
    let rect = Rect {
        x: 0.0,
        y: 0.0,
        width,
        height: f64::MAX,
    };
    let placed = place(area, BlockKind::Header, "", rect, columns);
    let notes = placed
        .notes
        .iter()
        .map(|note| note.rect.bottom())
        .fold(BLOCK_PADDING + BLOCK_TITLE.line, f64::max);
    notes + BLOCK_PADDING
}

/// The sizes of the board: the heights of its top and bottom rows, grown
/// from their least to fit what the blocks hold, up to their most.
struct Rows {
    top: f64,
    bottom: f64,
    /// The height of each upper block of a stacked pair.
    activities: f64,
    relationships: f64,
}

impl Rows {
    fn of(board: &Board) -> Rows {
        let column = (WIDTH - 2.0 * MARGIN) / 5.0;
        let wide = (WIDTH - 2.0 * MARGIN) / 2.0;
        let need = |kind: BlockKind, width: f64, columns: usize| needed_height(board.area(kind), width, columns);
        let activities = need(BlockKind::Activity, column, 1);
        let resources = need(BlockKind::Resource, column, 1);
        let relationships = need(BlockKind::Relationship, column, 1);
        let channels = need(BlockKind::Channel, column, 1);
        let top = [
            need(BlockKind::Partner, column, 1),
            need(BlockKind::Proposition, column, 1),
            need(BlockKind::Segment, column, 1),
            activities + resources,
            relationships + channels,
        ]
        .into_iter()
        .fold(TOP_HEIGHT, f64::max)
        .min(TOP_MOST)
        .ceil();
        let bottom = need(BlockKind::Cost, wide, 3)
            .max(need(BlockKind::Revenue, wide, 3))
            .clamp(BOTTOM_HEIGHT, BOTTOM_MOST)
            .ceil();
        // A stacked pair shares its column: each gets what it needs and half
        // of what is left, or, when the two need more than there is, a share
        // in proportion to their needs.
        let split = |upper: f64, lower: f64| {
            let slack = top - upper - lower;
            if slack >= 0.0 {
                (upper + slack / 2.0).round()
            } else {
                (top * upper / (upper + lower)).round()
            }
        };
        Rows {
            top,
            bottom,
            activities: split(activities, resources),
            relationships: split(relationships, channels),
        }
    }

    /// The height of the whole image.
    fn height(&self) -> f64 {
        2.0 * MARGIN + HEADER_HEIGHT + self.top + self.bottom
    }
}

/// Where each block sits, and how many columns of notes it holds.
fn frames(rows: &Rows) -> [(BlockKind, &'static str, Rect, usize); 9] {
    let top = MARGIN + HEADER_HEIGHT;
    let column = (WIDTH - 2.0 * MARGIN) / 5.0;
    let bottom = top + rows.top;
    let wide = (WIDTH - 2.0 * MARGIN) / 2.0;
    let (left, right) = (rows.activities, rows.relationships);
    let height = rows.top;
    let at = |x: f64, y: f64, width: f64, height: f64| Rect { x, y, width, height };
    [
        (BlockKind::Partner, "partners", at(MARGIN, top, column, height), 1),
        (
            BlockKind::Activity,
            "activities",
            at(MARGIN + column, top, column, left),
            1,
        ),
        (
            BlockKind::Resource,
            "resources",
            at(MARGIN + column, top + left, column, height - left),
            1,
        ),
        (
            BlockKind::Proposition,
            "propositions",
            at(MARGIN + 2.0 * column, top, column, height),
            1,
        ),
        (
            BlockKind::Relationship,
            "relationships",
            at(MARGIN + 3.0 * column, top, column, right),
            1,
        ),
        (
            BlockKind::Channel,
            "channels",
            at(MARGIN + 3.0 * column, top + right, column, height - right),
            1,
        ),
        (
            BlockKind::Segment,
            "segments",
            at(MARGIN + 4.0 * column, top, column, height),
            1,
        ),
        (BlockKind::Cost, "costs", at(MARGIN, bottom, wide, rows.bottom), 3),
        (
            BlockKind::Revenue,
            "revenues",
            at(MARGIN + wide, bottom, wide, rows.bottom),
            3,
        ),
    ]
}

/// Places the notes of one block, cutting what does not fit.
fn place(area: Option<&Area>, kind: BlockKind, class: &'static str, rect: Rect, columns: usize) -> Placed {
    let title = Line {
        text: kind.title().to_string(),
        font: BLOCK_TITLE,
        x: rect.x + BLOCK_PADDING,
        y: rect.y + BLOCK_PADDING + BLOCK_TITLE.size,
    };
    let columns = columns.max(1);
    let note_width = (rect.width - 2.0 * BLOCK_PADDING - NOTE_GAP * (columns as f64 - 1.0)) / columns as f64;
    let inner = note_width - 2.0 * NOTE_PADDING;
    let drafts: Vec<Draft> = area
        .map(|area| area.items.iter().map(|item| draft(item, inner)).collect())
        .unwrap_or_default();
    let first_top = rect.y + BLOCK_PADDING + BLOCK_TITLE.line + 4.0;
    let floor = rect.bottom() - BLOCK_PADDING;

    // Everything at full length if it fits; else leave room for `+N more`.
    let (mut notes, cut) = fill_columns(&drafts, rect, note_width, columns, first_top, floor);
    let mut more = None;
    if cut > 0 {
        let reserved = floor - MORE.line;
        let (fitted, cut) = fill_columns(&drafts, rect, note_width, columns, first_top, reserved);
        notes = fitted;
        if cut > 0 {
            more = Some(Line {
                text: format!("+{cut} more"),
                font: MORE,
                x: rect.x + BLOCK_PADDING,
                y: floor - MORE.line + MORE.size,
            });
        }
    }
    Placed {
        class,
        rect,
        title,
        notes,
        more,
    }
}

/// Lays notes into the shortest column while they fit above `floor`; the
/// first that does not fit whole is cut to the lines that do. Returns the
/// notes and how many items were left out entirely.
fn fill_columns(
    drafts: &[Draft],
    rect: Rect,
    note_width: f64,
    columns: usize,
    top: f64,
    floor: f64,
) -> (Vec<Note>, usize) {
    let mut heights = vec![top; columns];
    let mut notes = Vec::new();
    for (index, draft) in drafts.iter().enumerate() {
        let (column, y) = heights
            .iter()
            .copied()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap_or((0, top));
        let x = rect.x + BLOCK_PADDING + column as f64 * (note_width + NOTE_GAP);
        let whole = y + draft.height() <= floor;
        let mut lines = Vec::new();
        let mut line_top = y + NOTE_PADDING;
        for (position, (text, font)) in draft.lines.iter().enumerate() {
            if line_top + font.line + NOTE_PADDING > floor {
                break;
            }
            // The last line that fits of a note that does not: end it with `…`.
            let last_room = draft
                .lines
                .get(position + 1)
                .is_some_and(|(_, next)| line_top + font.line + next.line + NOTE_PADDING > floor);
            let text = if !whole && last_room {
                ellipsize(text, note_width - 2.0 * NOTE_PADDING, *font)
            } else {
                text.clone()
            };
            lines.push(Line {
                text,
                font: *font,
                x: x + NOTE_PADDING,
                y: line_top + font.size,
            });
            line_top += font.line;
        }
        if lines.is_empty() {
            return (notes, drafts.len() - index);
        }
        let height = line_top + NOTE_PADDING - y;
        notes.push(Note {
            rect: Rect {
                x,
                y,
                width: note_width,
                height,
            },
            fill: draft.fill,
            tooltip: draft.tooltip.clone(),
            lines,
        });
        if !whole {
            return (notes, drafts.len() - index - 1);
        }
        if let Some(height) = heights.get_mut(column) {
            *height = y + draft.height() + NOTE_GAP;
        }
    }
    (notes, 0)
}

/// A coordinate without needless decimals.
fn number(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

fn write_text(out: &mut String, line: &Line, class: &str) {
    let font = line.font;
    let _ = writeln!(
        out,
        r#"<text class="{class}" font-size="{}"{}{}><tspan x="{}" y="{}">{}</tspan></text>"#,
        number(font.size),
        if font.bold { r#" font-weight="bold""# } else { "" },
        if font.italic { r#" font-style="italic""# } else { "" },
        number(line.x),
        number(line.y),
        text::xml(&line.text),
    );
}

/// Several lines of one font as one `<text>` with a `<tspan>` each.
fn write_lines(out: &mut String, lines: &[Line]) {
    let mut start = 0;
    while start < lines.len() {
        let font = lines[start].font;
        let end = lines[start..]
            .iter()
            .position(|line| line.font != font)
            .map_or(lines.len(), |offset| start + offset);
        let class = if font == NAME { "name" } else { "fact" };
        let _ = write!(
            out,
            r#"<text class="{class}" font-size="{}"{}>"#,
            number(font.size),
            if font.bold { r#" font-weight="bold""# } else { "" },
        );
        for line in &lines[start..end] {
            let _ = write!(
                out,
                r#"<tspan x="{}" y="{}">{}</tspan>"#,
                number(line.x),
                number(line.y),
                text::xml(&line.text)
            );
        }
        out.push_str("</text>\n");
        start = end;
    }
}

fn write_rect(out: &mut String, class: &str, rect: Rect, extra: &str) {
    let _ = writeln!(
        out,
        r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}"{extra}/>"#,
        number(rect.x),
        number(rect.y),
        number(rect.width),
        number(rect.height),
    );
}

const STYLE: &str = "text{font-family:Helvetica,Arial,'Liberation Sans',sans-serif;fill:#222}\
.frame{fill:#fff;stroke:#b9b9b4;stroke-width:1}\
.header{fill:none;stroke:none}\
.note{stroke:rgba(0,0,0,.14);stroke-width:1}\
.block-title{fill:#555}\
.fact{fill:#333}\
.more{fill:#666}\
.subtitle,.meta{fill:#555}";

/// The board of a checked canvas as an SVG document.
pub fn svg(checked: &Checked) -> String {
    let board = Board::of(checked);
    let rows = Rows::of(&board);
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="canvas-title">"#,
        w = number(WIDTH),
        h = number(rows.height()),
    );
    let _ = writeln!(
        out,
        r#"<title id="canvas-title">{} — Business Model Canvas</title>"#,
        text::xml(&board.heading.title)
    );
    let _ = writeln!(out, "<style>{STYLE}</style>");
    let placed: Vec<Placed> = frames(&rows)
        .into_iter()
        .map(|(kind, class, rect, columns)| place(board.area(kind), kind, class, rect, columns))
        .collect();
    let header = Rect {
        x: MARGIN,
        y: MARGIN,
        width: WIDTH - 2.0 * MARGIN,
        height: HEADER_HEIGHT,
    };
    out.push_str("<defs>\n");
    let _ = writeln!(out, r#"<clipPath id="clip-header">"#);
    write_rect(&mut out, "clip", header, "");
    out.push_str("</clipPath>\n");
    for block in &placed {
        let _ = writeln!(out, r#"<clipPath id="clip-{}">"#, block.class);
        write_rect(&mut out, "clip", block.rect, "");
        out.push_str("</clipPath>\n");
    }
    out.push_str("</defs>\n");
    let _ = writeln!(out, r##"<rect width="100%" height="100%" fill="#fafaf7"/>"##);

    write_header(&mut out, &board, header);
    for block in &placed {
        let _ = writeln!(
            out,
            r#"<g class="block {class}" clip-path="url(#clip-{class})">"#,
            class = block.class
        );
        write_rect(&mut out, "frame", block.rect, "");
        write_text(&mut out, &block.title, "block-title");
        for note in &block.notes {
            let _ = writeln!(out, "<g class=\"item\">\n<title>{}</title>", text::xml(&note.tooltip));
            write_rect(&mut out, "note", note.rect, &format!(r#" rx="3" fill="{}""#, note.fill));
            write_lines(&mut out, &note.lines);
            out.push_str("</g>\n");
        }
        if let Some(more) = &block.more {
            write_text(&mut out, more, "more");
        }
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

fn write_header(out: &mut String, board: &Board, rect: Rect) {
    let heading = &board.heading;
    let max = rect.width - 2.0 * BLOCK_PADDING;
    let x = rect.x + BLOCK_PADDING;
    let mut top = rect.y + 4.0;
    let _ = writeln!(out, r#"<g class="block header" clip-path="url(#clip-header)">"#);
    write_rect(out, "header", rect, "");
    let title = one_line(&text::clean(&heading.title), max, TITLE);
    write_text(
        out,
        &Line {
            text: title,
            font: TITLE,
            x,
            y: top + TITLE.size,
        },
        "title",
    );
    top += TITLE.line;
    if let Some(description) = &heading.description {
        let description = one_line(&text::clean(description), max, SUBTITLE);
        write_text(
            out,
            &Line {
                text: description,
                font: SUBTITLE,
                x,
                y: top + SUBTITLE.size,
            },
            "subtitle",
        );
        top += SUBTITLE.line;
    }
    let meta: Vec<String> = heading
        .facts
        .iter()
        .map(|fact| format!("{}: {}", fact.key, text::clean(&fact.value)))
        .collect();
    if !meta.is_empty() {
        let meta = one_line(&meta.join(" · "), max, SMALL);
        write_text(
            out,
            &Line {
                text: meta,
                font: SMALL,
                x,
                y: top + SMALL.size,
            },
            "meta",
        );
    }
    out.push_str("</g>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_lines_within_width() {
        let text = "a very long sentence with words and an extraordinarilylongwordthatcannotfitonaline at all";
        for line in wrap(text, 100.0, FACT) {
            assert!(width_in(&line, FACT) <= 100.0, "{line}");
        }
        assert_eq!(wrap("  ", 100.0, FACT), Vec::<String>::new());
    }

    #[test]
    fn ellipsis_fits() {
        let cut = ellipsize("wwwwwwwwwwwwwwwwwwww", 50.0, NAME);
        assert!(cut.ends_with('…'));
        assert!(width_in(&cut, NAME) <= 50.0);
        // Nothing fits: the ellipsis alone.
        assert_eq!(ellipsize("abc", 1.0, NAME), "…");
    }

    #[test]
    fn capped_names_end_in_ellipsis() {
        let lines = wrap_capped(&"word ".repeat(200), 120.0, NAME, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'));
    }
}
