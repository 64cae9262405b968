//! Prints what the PDF layers see on one page (rulings, fills, text lines with their
//! chunks). A development aid, run by hand (it was `examples/pdf_debug.rs`; it looks at
//! the reader's internals, so it lives beside them):
//!
//!     PDF_DEBUG="FILE PAGE [glyphs]" cargo test --lib pdf_debug -- --ignored --nocapture

use super::{content, geometry, layout, stream};

#[test]
#[ignore = "a development aid: PDF_DEBUG=\"FILE PAGE [glyphs]\""]
fn pdf_debug() {
    let Ok(spec) = std::env::var("PDF_DEBUG") else {
        eprintln!("set PDF_DEBUG=\"FILE PAGE [glyphs]\"");
        return;
    };
    let args: Vec<String> = std::iter::once(String::new())
        .chain(spec.split_whitespace().map(String::from))
        .collect();
    let bytes = std::fs::read(&args[1]).expect("file");
    let want: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let doc = lopdf::Document::load_mem(&bytes).expect("pdf");
    let page_id = doc.page_iter().nth(want - 1).expect("page");
    let page = doc.get_dictionary(page_id).unwrap();
    let media = page
        .get(b"MediaBox")
        .ok()
        .map(|o| super::objects::numbers(&doc, o))
        .unwrap_or(vec![0.0, 0.0, 612.0, 792.0]);
    let (m, _w, _h) = geometry::display_space([media[0], media[1], media[2], media[3]], 0);
    let content_bytes = doc.get_page_content(page_id);
    let (own, ids) = doc.get_page_resources(page_id).unwrap();
    let mut res: Vec<&lopdf::Dictionary> = own.into_iter().collect();
    res.extend(ids.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
    let mut fonts = content::FontCache::new();
    let mut ops_left = content::MAX_OPS;
    let pc =
        content::Interpreter::new(&doc, &mut fonts, &mut ops_left).run(&content_bytes, &res, m);
    println!(
        "segments {} fills {} glyphs {}",
        pc.segments.len(),
        pc.fills.len(),
        pc.glyphs.len()
    );
    for s in pc.segments.iter().take(60) {
        println!("  seg {:.1},{:.1} -> {:.1},{:.1}", s.x0, s.y0, s.x1, s.y1);
    }
    for f in pc.fills.iter().take(80) {
        println!(
            "  fill {:.1},{:.1} -> {:.1},{:.1} {:?}",
            f.x0, f.y0, f.x1, f.y1, f.colour
        );
    }
    if args.get(3).is_some_and(|a| a == "glyphs") {
        for g in pc.glyphs.iter().take(4000) {
            println!(
                "  g {:?} x {:.1}-{:.1} t {:.1} b {:.1} s {:.1} up {}",
                g.text, g.x0, g.x1, g.top, g.bottom, g.size, g.upright
            );
        }
    }
    let lines = layout::lines(&pc.glyphs);
    let skip = vec![false; lines.len()];
    for f in stream::detect(&lines, &skip) {
        println!(
            "stream table rows {} cols {} xs {:?}",
            f.grid.n_rows, f.grid.n_cols, f.grid.xs
        );
    }
    for g in super::lattice::detect(&pc.segments) {
        println!(
            "lattice table rows {} cols {} bbox {:?}",
            g.n_rows, g.n_cols, g.bbox
        );
    }
    for g in super::lattice::detect(&super::page::fill_segments(&pc.fills)) {
        println!(
            "filled table rows {} cols {} bbox {:?}",
            g.n_rows, g.n_cols, g.bbox
        );
    }
    for l in &lines {
        let ch = layout::chunks(l, stream::CHUNK_GAP);
        let parts: Vec<String> = ch
            .iter()
            .map(|c| format!("[{:.0}-{:.0} {}]", c.x0, c.x1, l.chunk_text(c)))
            .collect();
        println!("{:6.1} {:4.1} {}", l.top, l.size(), parts.join(" "));
    }
}
