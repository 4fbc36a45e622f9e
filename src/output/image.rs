//! `build --format png` and `--format pdf`: the board's SVG ([`super::svg`])
//! drawn as a raster image (resvg) or as a vector PDF with selectable text
//! (svg2pdf), without a browser.
//!
//! Invariants: text is drawn with the fonts bundled in `assets/fonts/` and
//! nothing else, so an image is the same on every machine, with or without
//! fonts installed; no system font is loaded and nothing is read from the
//! file system (an `<image>` reference resolves to nothing, though the
//! board's SVG has none). A PNG is at most [`MAX_PIXELS`] pixels, so no
//! `--scale` can make canvasc allocate without bound.

use resvg::tiny_skia;
use resvg::usvg;

/// The family every text of the board is drawn in.
pub const FONT_FAMILY: &str = "Liberation Sans";

/// The bundled fonts: Liberation Sans (SIL Open Font License 1.1, licence in
/// `assets/fonts/`), metrically compatible with the Helvetica and Arial the
/// SVG's layout estimates widths for.
const FONTS: [&[u8]; 3] = [
    include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSans-Italic.ttf"),
];

/// The largest PNG drawn, in pixels (width × height): 64 megapixels, 256 MiB
/// of pixel memory.
pub const MAX_PIXELS: u64 = 64 * 1024 * 1024;

/// PDF points per SVG user unit: the SVG's units are CSS pixels (96 per
/// inch), so a page is as large as the board is on a screen at 100%.
const PDF_DPI: f32 = 96.0;

/// Why an image could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageError(pub String);

impl std::fmt::Display for ImageError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl std::error::Error for ImageError {}

/// Parsing options that know the bundled fonts and no others, and resolve
/// no external reference.
fn options() -> usvg::Options<'static> {
    let mut options = usvg::Options {
        font_family: FONT_FAMILY.to_string(),
        resources_dir: None,
        ..usvg::Options::default()
    };
    options.image_href_resolver.resolve_string = Box::new(|_, _| None);
    let fonts = options.fontdb_mut();
    for font in FONTS {
        fonts.load_font_data(font.to_vec());
    }
    // Every generic family is the bundled one: the board asks for
    // `sans-serif` last, and nothing may fall through to another font.
    fonts.set_sans_serif_family(FONT_FAMILY);
    fonts.set_serif_family(FONT_FAMILY);
    fonts.set_monospace_family(FONT_FAMILY);
    fonts.set_cursive_family(FONT_FAMILY);
    fonts.set_fantasy_family(FONT_FAMILY);
    options
}

fn tree(svg: &str) -> Result<usvg::Tree, ImageError> {
    usvg::Tree::from_str(svg, &options()).map_err(|error| ImageError(format!("cannot read the board's SVG: {error}")))
}

/// The size in pixels of the SVG at `scale`, refused when it is not a
/// positive finite scale or the image would exceed [`MAX_PIXELS`].
pub fn pixel_size(width: f32, height: f32, scale: f32) -> Result<(u32, u32), ImageError> {
    if !scale.is_finite() || scale <= 0.0 {
        return Err(ImageError(format!("the scale must be a positive number, not {scale}")));
    }
    let pixels_wide = (width * scale).ceil();
    let pixels_high = (height * scale).ceil();
    let too_large = || {
        ImageError(format!(
            "a board of {width}×{height} at scale {scale} would be larger than {} megapixels; use a smaller `--scale`",
            MAX_PIXELS / (1024 * 1024)
        ))
    };
    if !(1.0..=f32::from(u16::MAX)).contains(&pixels_wide) || !(1.0..=f32::from(u16::MAX)).contains(&pixels_high) {
        return Err(too_large());
    }
    // Both are whole numbers from 1 to 65535 here, so the casts are exact.
    let (wide, high) = (pixels_wide as u32, pixels_high as u32);
    if u64::from(wide) * u64::from(high) > MAX_PIXELS {
        return Err(too_large());
    }
    Ok((wide, high))
}

/// The SVG drawn at `scale` pixels per user unit, as PNG bytes.
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, ImageError> {
    let tree = tree(svg)?;
    let size = tree.size();
    let (width, height) = pixel_size(size.width(), size.height(), scale)?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| ImageError(format!("cannot make an image of {width}×{height} pixels")))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|error| ImageError(format!("cannot encode the PNG: {error}")))
}

/// The SVG as a one-page vector PDF whose text is text (selectable,
/// searchable), in the bundled font's subset.
pub fn pdf(svg: &str) -> Result<Vec<u8>, ImageError> {
    let tree = tree(svg)?;
    let page = svg2pdf::PageOptions { dpi: PDF_DPI };
    svg2pdf::to_pdf(&tree, svg2pdf::ConversionOptions::default(), page)
        .map_err(|error| ImageError(format!("cannot make the PDF: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_bundled_fonts_are_known() {
        // Three faces, each one file: no system font got in.
        let options = options();
        assert_eq!(options.fontdb.len(), FONTS.len());
        let families: Vec<String> = options
            .fontdb
            .faces()
            .flat_map(|face| face.families.iter().map(|(name, _)| name.clone()))
            .collect();
        assert!(families.iter().all(|family| family == FONT_FAMILY), "{families:?}");
    }

    #[test]
    fn scales_are_bounded() {
        assert_eq!(pixel_size(1600.0, 900.0, 2.0), Ok((3200, 1800)));
        assert_eq!(pixel_size(1600.0, 900.0, 0.5), Ok((800, 450)));
        for scale in [0.0, -1.0, f32::NAN, f32::INFINITY] {
            assert!(pixel_size(1600.0, 900.0, scale).is_err(), "{scale}");
        }
        // 16000 × 9000 is 144 megapixels: refused.
        assert!(pixel_size(1600.0, 900.0, 10.0).is_err());
        // A tiny scale still gives a pixel, never an empty image.
        assert_eq!(pixel_size(1600.0, 900.0, 1e-9), Ok((1, 1)));
    }

    #[test]
    fn an_svg_with_an_external_image_reads_nothing() -> Result<(), ImageError> {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image href="/etc/passwd" width="10" height="10"/><image xlink:href="Cargo.toml" width="10" height="10"/></svg>"#;
        let png = png(svg, 1.0)?;
        let pixmap = tiny_skia::Pixmap::decode_png(&png).map_err(|error| ImageError(error.to_string()))?;
        assert!(pixmap.pixels().iter().all(|pixel| pixel.alpha() == 0));
        Ok(())
    }
}
