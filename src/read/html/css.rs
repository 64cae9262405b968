//! What a page's own style sheets hide: the elements that `<style>` rules give
//! `display: none` or `visibility: hidden` (or `collapse`), as a browser would not show
//! them.
//!
//! Not a CSS engine: a rule is read when its selector is simple — an element name, an
//! id, classes, or those together (`td.intern`, `#old`, `.a.b`), in comma lists. Rules
//! with combinators, attribute selectors or pseudo-classes are left out, as are rules for
//! print (`@media print`, `<style media="print">`), other at-rules (`@font-face`,
//! `@supports`, `@import`) and comments. Where several rules set `display` (or
//! `visibility`) for one element, the cascade picks as a browser does: `!important`,
//! then specificity, then the later rule; an inline `style` beats any rule without
//! `!important`. Rules for `screen` and `all` hide; a rule behind a media condition
//! (`min-width`, `max-width` …) applies at some screen sizes only: it never hides, and an
//! element it shows is read even when an unconditional rule hides it (a desktop-only
//! table is a table). External style sheets (`<link>`) are not read.
//! Bounded: at most [`CSS_LIMIT`] bytes of style sheets, [`RULE_LIMIT`] rules and
//! [`MATCH_LIMIT`] selector matches a page.

use std::collections::HashMap;

use scraper::ElementRef;

/// Most bytes of `<style>` text read from one page.
const CSS_LIMIT: usize = 4 << 20;
/// Most rules (and selectors) read from one page.
const RULE_LIMIT: usize = 20_000;
/// Most selector matches tried on one page (elements times the rules that could match
/// them); past it, the elements after are not hidden by style sheets.
const MATCH_LIMIT: usize = 4_000_000;
/// Deepest `@media` nesting followed.
const MEDIA_DEPTH: usize = 4;

/// The two properties that hide.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Property {
    Display,
    Visibility,
}

/// A declaration of [`Property`] from a rule: whether it hides, and how strongly it
/// applies.
#[derive(Clone, Copy)]
struct Decl {
    property: Property,
    hides: bool,
    important: bool,
}

/// A simple selector: an element name, an id and classes, all optional.
#[derive(Debug, PartialEq, Eq)]
struct Compound {
    tag: Option<String>,
    id: Option<String>,
    classes: Vec<String>,
}

impl Compound {
    /// CSS specificity: ids, classes, element names.
    fn specificity(&self) -> (usize, usize, usize) {
        (
            usize::from(self.id.is_some()),
            self.classes.len(),
            usize::from(self.tag.is_some()),
        )
    }

    fn matches(&self, el: &scraper::node::Element) -> bool {
        self.tag
            .as_deref()
            .is_none_or(|t| el.name().eq_ignore_ascii_case(t))
            && self.id.as_deref().is_none_or(|id| el.id() == Some(id))
            && self.classes.iter().all(|c| el.classes().any(|k| k == c))
    }
}

/// One selector of a rule with one declaration it carries, in source order.
struct Rule {
    selector: Compound,
    decl: Decl,
    order: usize,
    /// Whether a media condition limits it to some screens.
    conditional: bool,
}

impl Rule {
    /// How the cascade ranks it: `!important`, then specificity, then the later rule.
    fn rank(&self) -> (bool, (usize, usize, usize), usize) {
        (self.decl.important, self.selector.specificity(), self.order)
    }
}

/// Takes the elements the page's style sheets hide out of its tree, so that nothing
/// reads them; returns how many were taken out.
pub(super) fn remove_hidden(html: &mut scraper::Html) -> usize {
    let mut hidden = Vec::new();
    {
        let root = html.root_element();
        let rules = rules_of(root);
        if !rules.iter().any(|r| r.decl.hides) {
            return 0;
        }
        for el in hidden_by(root, &rules) {
            hidden.push(el.id());
        }
    }
    for id in &hidden {
        if let Some(mut node) = html.tree.get_mut(*id) {
            node.detach();
        }
    }
    hidden.len()
}

/// The elements under `root` that `rules` hide, in document order (one inside another
/// hidden one too, when a rule hides it on its own).
fn hidden_by<'a>(root: ElementRef<'a>, rules: &[Rule]) -> Vec<ElementRef<'a>> {
    // Rules by the key an element must have to match: its id, a class, or its name.
    let mut by_key: HashMap<(u8, &str), Vec<&Rule>> = HashMap::new();
    for rule in rules {
        let s = &rule.selector;
        let key = match (&s.id, s.classes.first(), &s.tag) {
            (Some(id), _, _) => (b'#', id.as_str()),
            (None, Some(class), _) => (b'.', class.as_str()),
            (None, None, Some(tag)) => (b't', tag.as_str()),
            (None, None, None) => (b'*', ""),
        };
        by_key.entry(key).or_default().push(rule);
    }
    let mut out = Vec::new();
    let mut work = 0usize;
    for el in root.descendants().filter_map(ElementRef::wrap) {
        let e = el.value();
        let name = e.name().to_ascii_lowercase();
        let mut keys: Vec<(u8, &str)> = vec![(b't', name.as_str()), (b'*', "")];
        keys.extend(e.id().map(|id| (b'#', id)));
        keys.extend(e.classes().map(|c| (b'.', c)));
        let candidates: Vec<&Rule> = keys
            .iter()
            .filter_map(|k| by_key.get(k))
            .flatten()
            .copied()
            .collect();
        work += candidates.len();
        if work > MATCH_LIMIT {
            break;
        }
        let matching: Vec<&Rule> = candidates
            .into_iter()
            .filter(|r| r.selector.matches(e))
            .collect();
        // The winning unconditional declaration per property.
        let mut winners: [Option<&Rule>; 2] = [None, None];
        for &rule in matching.iter().filter(|r| !r.conditional) {
            let slot = &mut winners[rule.decl.property as usize];
            if slot.is_none_or(|w| w.rank() < rule.rank()) {
                *slot = Some(rule);
            }
        }
        let shown_sometimes = |p: Property| {
            matching
                .iter()
                .any(|r| r.conditional && r.decl.property == p && !r.decl.hides)
        };
        let hidden = [Property::Display, Property::Visibility]
            .into_iter()
            .any(|p| match winners[p as usize] {
                Some(w) if w.decl.hides => {
                    (w.decl.important || inline(e, p).is_none()) && !shown_sometimes(p)
                }
                _ => false,
            });
        if hidden {
            out.push(el);
        }
    }
    out
}

/// What an element's inline style says of `property`: whether it hides.
fn inline(el: &scraper::node::Element, property: Property) -> Option<bool> {
    declarations(el.attr("style")?)
        .filter(|d| d.property == property)
        .last()
        .map(|d| d.hides)
}

/// The rules of the page's `<style>` sheets for screens, with simple selectors and a
/// `display` or `visibility` declaration.
fn rules_of(root: ElementRef) -> Vec<Rule> {
    let mut out = Vec::new();
    let mut budget = CSS_LIMIT;
    for style in root
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "style")
    {
        let conditional = match style.value().attr("media").map(media) {
            None | Some(Media::Screen) => false,
            Some(Media::SomeScreens) => true,
            Some(Media::Other) => continue,
        };
        let mut css: String = style.text().collect();
        if css.len() > budget {
            let mut cut = budget;
            while !css.is_char_boundary(cut) {
                cut -= 1;
            }
            css.truncate(cut);
        }
        budget -= css.len();
        let css = strip_comments(&css);
        let mut blocks = Vec::new();
        split_rules(&css, 0, conditional, &mut blocks);
        for (selectors, body, conditional) in blocks {
            let decls: Vec<Decl> = declarations(body).collect();
            if decls.is_empty() {
                continue;
            }
            for selector in selectors.split(',').filter_map(compound) {
                for &decl in &decls {
                    if out.len() >= RULE_LIMIT {
                        return out;
                    }
                    let order = out.len();
                    out.push(Rule {
                        selector: compound_clone(&selector),
                        decl,
                        order,
                        conditional,
                    });
                }
            }
        }
        if budget == 0 {
            break;
        }
    }
    out
}

fn compound_clone(c: &Compound) -> Compound {
    Compound {
        tag: c.tag.clone(),
        id: c.id.clone(),
        classes: c.classes.clone(),
    }
}

/// Where a media query list applies.
#[derive(Debug, PartialEq, Eq)]
enum Media {
    /// Every screen: `screen`, `all`, `only screen`, or no query.
    Screen,
    /// Some screens: a query with conditions (`(min-width: 768px)`, `screen and …`).
    SomeScreens,
    /// Print, speech and other media only.
    Other,
}

fn media(query: &str) -> Media {
    let query = query.trim().to_ascii_lowercase();
    let mut out = Media::Other;
    for m in query.split(',').map(str::trim) {
        if m.is_empty() || matches!(m, "screen" | "all" | "only screen" | "only all") {
            return Media::Screen;
        }
        let other_medium = [
            "print",
            "speech",
            "tty",
            "tv",
            "projection",
            "handheld",
            "not ",
        ]
        .iter()
        .any(|w| m.contains(w));
        if !other_medium {
            out = Media::SomeScreens;
        }
    }
    out
}

/// The style sheet without its `/* … */` comments (an unclosed one runs to the end).
fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        out.push(' ');
        match rest[start + 2..].find("*/") {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// The (selectors, declarations, conditional) of a style sheet's rules, those inside
/// `@media` blocks for screens included (conditional when the block has a media
/// condition or is inside one); other at-rules skipped.
fn split_rules<'a>(
    css: &'a str,
    depth: usize,
    conditional: bool,
    out: &mut Vec<(&'a str, &'a str, bool)>,
) {
    let mut i = 0;
    while i < css.len() && out.len() < RULE_LIMIT {
        let rest = &css[i..];
        let Some(open) = rest.find('{') else {
            break;
        };
        let prelude = rest[..open].rsplit('}').next().unwrap_or("").trim();
        // `@import …;` and other statements end before the block's own prelude.
        let prelude = match prelude.rfind(';') {
            Some(semi) => prelude[semi + 1..].trim(),
            None => prelude,
        };
        let close = matching_close(rest, open);
        let body = &rest[open + 1..close.min(rest.len())];
        if let Some(at) = prelude.strip_prefix('@') {
            let lower = at.to_ascii_lowercase();
            if let Some(query) = lower.strip_prefix("media") {
                let inner = match media(query) {
                    Media::Screen => Some(conditional),
                    Media::SomeScreens => Some(true),
                    Media::Other => None,
                };
                if let Some(inner) = inner.filter(|_| depth < MEDIA_DEPTH) {
                    split_rules(body, depth + 1, inner, out);
                }
            }
        } else if !prelude.is_empty() {
            out.push((prelude, body, conditional));
        }
        i += (close + 1).min(rest.len());
    }
}

/// The index of the `}` that closes the `{` at `open` (the end when none does).
fn matching_close(s: &str, open: usize) -> usize {
    let mut depth = 0usize;
    for (i, b) in s.bytes().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    s.len()
}

/// The `display` and `visibility` declarations of a declaration block, in order.
fn declarations(block: &str) -> impl Iterator<Item = Decl> + '_ {
    block.split(';').filter_map(|decl| {
        let (k, v) = decl.split_once(':')?;
        let property = match k.trim().to_ascii_lowercase().as_str() {
            "display" => Property::Display,
            "visibility" => Property::Visibility,
            _ => return None,
        };
        let v = v.trim().to_ascii_lowercase();
        let (v, important) = match v.strip_suffix("important") {
            Some(rest) if rest.trim_end().ends_with('!') => (
                rest.trim_end().trim_end_matches('!').trim().to_string(),
                true,
            ),
            _ => (v, false),
        };
        let hides = match property {
            Property::Display => v == "none",
            Property::Visibility => v == "hidden" || v == "collapse",
        };
        Some(Decl {
            property,
            hides,
            important,
        })
    })
}

/// A simple selector (`td`, `.a`, `#b`, `td.a.b`, `*.a`); `None` for any other.
fn compound(selector: &str) -> Option<Compound> {
    let s = selector.trim();
    if s.is_empty() {
        return None;
    }
    let ident_char = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let tag_end = s
        .find(|c: char| !ident_char(c) && c != '*')
        .unwrap_or(s.len());
    let tag = &s[..tag_end];
    let tag = match tag {
        "" | "*" => None,
        t if t.contains('*') || t.starts_with(|c: char| c.is_ascii_digit()) => return None,
        t => Some(t.to_ascii_lowercase()),
    };
    let mut out = Compound {
        tag,
        id: None,
        classes: Vec::new(),
    };
    let mut rest = &s[tag_end..];
    while let Some(kind) = rest.chars().next() {
        let body = &rest[kind.len_utf8()..];
        let end = body.find(|c: char| !ident_char(c)).unwrap_or(body.len());
        if end == 0 {
            return None;
        }
        let name = body[..end].to_string();
        match kind {
            '.' => out.classes.push(name),
            '#' if out.id.is_none() => out.id = Some(name),
            _ => return None,
        }
        rest = &body[end..];
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_simple_selectors_are_read() {
        let c = compound(" td.intern.x ").unwrap();
        assert_eq!(c.tag.as_deref(), Some("td"));
        assert_eq!(c.classes, ["intern", "x"]);
        assert_eq!(compound("#old").unwrap().id.as_deref(), Some("old"));
        assert!(compound("*.a").unwrap().tag.is_none());
        for complex in [
            "main .x", "a > b", ".x:hover", "a[href]", ".a~.b", "::before", "", "td→x",
        ] {
            assert!(compound(complex).is_none(), "{complex}");
        }
    }

    #[test]
    fn media_blocks_for_screens_are_read_others_skipped() {
        let css = strip_comments(
            "@import url(a.css) print; @font-face { src: url(x) } /* .c { display:none } */\
             .a { display: none } @media print { .b { display:none } } \
             @media screen, print { .d { visibility : hidden !important } }\
             @media (max-width: 600px) { .e { display: none } } @media speech { .g {} } .f{}",
        );
        let mut out = Vec::new();
        split_rules(&css, 0, false, &mut out);
        let selectors: Vec<(&str, bool)> = out.iter().map(|(s, _, c)| (*s, *c)).collect();
        assert_eq!(
            selectors,
            [(".a", false), (".d", false), (".e", true), (".f", false)]
        );
        let d: Vec<Decl> = declarations(out[1].1).collect();
        assert!(d[0].hides && d[0].important && d[0].property == Property::Visibility);
    }

    #[test]
    fn the_cascade_picks_the_stronger_rule() {
        let mut html = scraper::Html::parse_document(
            r#"<style>.a { display: none } .a.open { display: block } p { display: none }
            p.keep { display: block } #x { display: none !important }</style>
            <div class="a">h1</div><div class="a open">s1</div><p>h2</p><p class="keep">s2</p>
            <p class="keep" id="x">h3</p><div class="a" style="display:block">s3</div>"#,
        );
        assert_eq!(remove_hidden(&mut html), 3);
        let body = html
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "body")
            .unwrap();
        let text = body.text().collect::<Vec<_>>().join(" ");
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["s1", "s2", "s3"]
        );
    }
}
