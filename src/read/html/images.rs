//! Status icons embedded in a web page: an `<img>` without alternative text whose
//! picture is carried in the page itself (`src="data:image/png;base64,…"`, as follow-up
//! systems export their reports), read by its dominant colour like the icons of Word
//! and OpenDocument files. Pictures the page only links to are not fetched.

use base64::Engine;
use scraper::ElementRef;

use crate::colour::Rgb;
use crate::read::icon;

/// The dominant colour of an `<img>` that has no alternative text and embeds a small
/// PNG or JPEG picture; its data is measured before it is decoded.
pub fn icon_colour(el: ElementRef) -> Option<Rgb> {
    let e = el.value();
    if e.name() != "img" || e.attr("alt").is_some_and(|a| !a.trim().is_empty()) {
        return None;
    }
    let src = e.attr("src")?.trim();
    let (head, data) = src.split_once(',')?;
    let head = head.to_ascii_lowercase();
    if !head.starts_with("data:image/") || !head.ends_with(";base64") {
        return None;
    }
    // Base64 takes four characters for three bytes.
    if data.len() > icon::MAX_FILE / 3 * 4 + 4 {
        return None;
    }
    let clean: String = data.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(clean.as_bytes())
        .ok()?;
    icon::file_colour(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    /// A 2×2 PNG of one colour, written by the `png` crate.
    fn png_of(rgb: [u8; 3]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, 2, 2);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().expect("header");
        w.write_image_data(&rgb.repeat(4)).expect("data");
        drop(w);
        out
    }

    fn colour_of(html: &str) -> Option<Rgb> {
        let doc = Html::parse_fragment(html);
        let img = doc.select(&Selector::parse("img").unwrap()).next().unwrap();
        icon_colour(img)
    }

    #[test]
    fn an_embedded_icon_gives_its_colour_and_alt_text_or_a_link_gives_none() {
        let b64 = base64::engine::general_purpose::STANDARD.encode(png_of([0x2E, 0xA0, 0x43]));
        assert_eq!(
            colour_of(&format!("<img src='data:image/png;base64,{b64}' alt=''>")),
            Some(Rgb(0x2E, 0xA0, 0x43))
        );
        assert_eq!(
            colour_of(&format!(
                "<img src='data:image/png;base64,{b64}' alt='Pågår'>"
            )),
            None
        );
        assert_eq!(colour_of("<img src='icons/green.png'>"), None);
        assert_eq!(colour_of("<img src='data:image/png;base64,@@@'>"), None);
    }
}
