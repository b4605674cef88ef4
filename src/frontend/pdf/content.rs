//! A page's content stream interpreted: the glyphs it shows, with their
//! boxes, and the straight lines and thin filled rectangles it draws (the
//! ruling lines of tables). Coordinates are PDF user space of the page
//! (points, y up), after the current transformation matrix.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::Font;
use super::{MAX_GLYPHS, MAX_OPERATORS, MAX_STREAM_BYTES, PdfError};

/// A glyph shown on the page.
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    /// Its text (one char, or several for a ligature).
    pub(super) text: String,
    /// Left, bottom, right, top.
    pub(super) bbox: [f64; 4],
    /// The baseline's y.
    pub(super) base: f64,
    /// The font size on the page.
    pub(super) size: f64,
}

impl Glyph {
    pub(super) fn cx(&self) -> f64 {
        (self.bbox[0] + self.bbox[2]) / 2.0
    }
    pub(super) fn cy(&self) -> f64 {
        (self.bbox[1] + self.bbox[3]) / 2.0
    }
}

/// A horizontal or vertical ruling line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rule {
    /// Horizontal (at y = `at`) or vertical (at x = `at`).
    pub(super) horizontal: bool,
    pub(super) at: f64,
    pub(super) from: f64,
    pub(super) to: f64,
}

/// What a page shows.
#[derive(Debug, Default)]
pub(super) struct Page {
    /// Left, bottom, right, top of the media box.
    pub(super) media: [f64; 4],
    pub(super) glyphs: Vec<Glyph>,
    pub(super) rules: Vec<Rule>,
    /// Images drawn.
    pub(super) images: usize,
    /// Codes shown whose text the font does not tell.
    pub(super) unmapped: usize,
}

type Matrix = [f64; 6];
type Point = (f64, f64);
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` (apply `a`, then `b`).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

fn num(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => 0.0,
    }
}

fn nums<const N: usize>(ops: &[Object]) -> Option<[f64; N]> {
    if ops.len() < N {
        return None;
    }
    let mut out = [0.0; N];
    for (o, v) in out.iter_mut().zip(ops) {
        *o = num(v);
    }
    out.iter().all(|v| v.is_finite()).then_some(out)
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_space: f64,
    word_space: f64,
    scale: f64,
    leading: f64,
    rise: f64,
    line_width: f64,
    white_fill: bool,
}

/// Where the interpreter is in a path.
#[derive(Default)]
struct Path {
    /// Straight segments, in page space.
    segments: Vec<(Point, Point)>,
    /// Subpaths as point lists, for fills.
    subpaths: Vec<Vec<(f64, f64)>>,
    current: Option<(f64, f64)>,
    start: Option<(f64, f64)>,
}

/// Interprets content streams.
pub(super) struct Interpreter<'d> {
    doc: &'d Document,
    fonts: HashMap<ObjectId, Rc<Font>>,
    ops: usize,
    page: Page,
}

/// The thickest a filled rectangle is and still a ruling line.
const THIN: f64 = 3.0;
/// How far off axis a stroked segment may be and still be a ruling line.
const SLANT: f64 = 0.5;
/// The most segments of one path that are kept (the rest draw no table).
const MAX_PATH: usize = 100_000;
/// How deep forms may nest.
const MAX_FORM_DEPTH: usize = 8;

impl<'d> Interpreter<'d> {
    pub(super) fn new(doc: &'d Document) -> Self {
        Interpreter {
            doc,
            fonts: HashMap::new(),
            ops: 0,
            page: Page::default(),
        }
    }

    fn deref(&self, o: &'d Object) -> &'d Object {
        match o {
            Object::Reference(id) => self.doc.get_object(*id).unwrap_or(o),
            _ => o,
        }
    }

    fn dict(&self, o: &'d Object) -> Option<&'d Dictionary> {
        match self.deref(o) {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }

    /// Reads one page.
    pub(super) fn page(&mut self, page_id: ObjectId) -> Result<Page, PdfError> {
        self.ops = 0;
        self.page = Page::default();
        let doc = self.doc;
        let page = doc.get_dictionary(page_id).map_err(PdfError::damaged)?;
        let media = media_box(doc, page);
        // a page shown turned (`/Rotate`) is read as it is shown
        let [x0, y0, x1, y1] = media;
        let (ctm, shown) = match inherited(doc, page, b"Rotate")
            .map(num)
            .map(|r| (r as i64).rem_euclid(360))
        {
            Some(90) => ([0.0, -1.0, 1.0, 0.0, -y0, x1], [0.0, 0.0, y1 - y0, x1 - x0]),
            Some(180) => ([-1.0, 0.0, 0.0, -1.0, x1, y1], [0.0, 0.0, x1 - x0, y1 - y0]),
            Some(270) => ([0.0, 1.0, -1.0, 0.0, y1, -x0], [0.0, 0.0, y1 - y0, x1 - x0]),
            _ => (IDENTITY, media),
        };
        self.page.media = shown;
        let (own, inherited) = doc
            .get_page_resources(page_id)
            .unwrap_or((None, Vec::new()));
        let mut resources: Vec<&Dictionary> = own.into_iter().collect();
        resources.extend(
            inherited
                .iter()
                .filter_map(|id| doc.get_dictionary(*id).ok()),
        );
        let content = doc
            .get_page_content_with_limit(page_id, MAX_STREAM_BYTES)
            .map_err(|_| {
                PdfError::Limit(format!(
                    "a page's content is more than {} MiB once inflated",
                    MAX_STREAM_BYTES >> 20
                ))
            })?;
        let state = State {
            ctm,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            line_width: 1.0,
            white_fill: false,
        };
        self.run(&content, &resources, state, 0)?;
        Ok(std::mem::take(&mut self.page))
    }

    fn resource(
        &self,
        resources: &[&'d Dictionary],
        kind: &[u8],
        name: &[u8],
    ) -> Option<&'d Object> {
        resources.iter().find_map(|r| {
            let d = self.dict(r.get(kind).ok()?)?;
            d.get(name).ok()
        })
    }

    fn font(
        &mut self,
        resources: &[&'d Dictionary],
        name: &[u8],
    ) -> Result<Option<Rc<Font>>, PdfError> {
        let Some(o) = self.resource(resources, b"Font", name) else {
            return Ok(None);
        };
        let id = match o {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        if let Some(f) = id.and_then(|id| self.fonts.get(&id)) {
            return Ok(Some(f.clone()));
        }
        let Some(dict) = self.dict(o) else {
            return Ok(None);
        };
        let font = Rc::new(Font::read(self.doc, dict).map_err(PdfError::Limit)?);
        if let Some(id) = id {
            self.fonts.insert(id, font.clone());
        }
        Ok(Some(font))
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: &[&'d Dictionary],
        mut gs: State,
        depth: usize,
    ) -> Result<(), PdfError> {
        // operators one at a time (a damaged stream is read up to the damage)
        let ops = Content::decode_iter(content).map_while(Result::ok);
        let mut stack: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut path = Path::default();
        for op in ops {
            let op = &op;
            self.ops += 1;
            if self.ops > MAX_OPERATORS {
                return Err(PdfError::Limit(format!(
                    "a page has more than {MAX_OPERATORS} content operators"
                )));
            }
            let a = &op.operands[..];
            match op.operator.as_str() {
                "q" if stack.len() < 256 => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    if let Some(m) = nums::<6>(a) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                "w" => {
                    if let Some([w]) = nums::<1>(a) {
                        gs.line_width = w;
                    }
                }
                "g" => gs.white_fill = nums::<1>(a).is_some_and(|[g]| g > 0.95),
                "rg" => gs.white_fill = nums::<3>(a).is_some_and(|c| c.iter().all(|&v| v > 0.95)),
                "k" => gs.white_fill = nums::<4>(a).is_some_and(|c| c.iter().all(|&v| v < 0.05)),
                "sc" | "scn" => {
                    let v: Vec<f64> = a.iter().map(num).collect();
                    gs.white_fill = match v.len() {
                        1 | 3 => v.iter().all(|&x| x > 0.95),
                        4 => v.iter().all(|&x| x < 0.05),
                        _ => false,
                    };
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    if let (Some(Object::Name(n)), Some(s)) = (a.first(), a.get(1)) {
                        gs.font = self.font(resources, n)?;
                        gs.size = num(s);
                    }
                }
                "Tc" => gs.char_space = a.first().map_or(0.0, num),
                "Tw" => gs.word_space = a.first().map_or(0.0, num),
                "Tz" => gs.scale = a.first().map_or(100.0, num) / 100.0,
                "TL" => gs.leading = a.first().map_or(0.0, num),
                "Ts" => gs.rise = a.first().map_or(0.0, num),
                "Td" | "TD" => {
                    if let Some([x, y]) = nums::<2>(a) {
                        if op.operator == "TD" {
                            gs.leading = -y;
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, x, y], &tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    if let Some(m) = nums::<6>(a) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "'" || op.operator == "\"" {
                        if op.operator == "\"" && a.len() == 3 {
                            gs.word_space = num(&a[0]);
                            gs.char_space = num(&a[1]);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    let parts: &[Object] = match (op.operator.as_str(), a.last()) {
                        ("TJ", Some(Object::Array(parts))) => parts,
                        (_, Some(o)) => std::slice::from_ref(o),
                        _ => &[],
                    };
                    for p in parts {
                        match p {
                            Object::String(bytes, _) => {
                                self.show(bytes, &gs, &mut tm);
                                if self.page.glyphs.len() > MAX_GLYPHS {
                                    return Err(PdfError::Limit(format!(
                                        "a page shows more than {MAX_GLYPHS} glyphs"
                                    )));
                                }
                            }
                            o => {
                                let adjust = -num(o) / 1000.0 * gs.size * gs.scale;
                                if adjust.is_finite() {
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, adjust, 0.0], &tm);
                                }
                            }
                        }
                    }
                }
                "m" => {
                    if let Some([x, y]) = nums::<2>(a) {
                        let p = apply(&gs.ctm, x, y);
                        path.current = Some(p);
                        path.start = Some(p);
                        path.subpaths.push(vec![p]);
                    }
                }
                "l" => {
                    if let (Some([x, y]), Some(c)) = (nums::<2>(a), path.current) {
                        let p = apply(&gs.ctm, x, y);
                        if path.segments.len() < MAX_PATH {
                            path.segments.push((c, p));
                        }
                        if let Some(s) = path.subpaths.last_mut() {
                            s.push(p);
                        }
                        path.current = Some(p);
                    }
                }
                "c" | "v" | "y" => {
                    // curves draw no ruling lines; the subpath is no rectangle
                    if let Some(p) = a.len().checked_sub(2).and_then(|i| nums::<2>(&a[i..])) {
                        let p = apply(&gs.ctm, p[0], p[1]);
                        path.current = Some(p);
                        if let Some(s) = path.subpaths.last_mut() {
                            s.push((f64::NAN, f64::NAN));
                        }
                    }
                }
                "h" => {
                    if let (Some(c), Some(s)) = (path.current, path.start) {
                        path.segments.push((c, s));
                        path.current = Some(s);
                    }
                }
                "re" => {
                    if let Some([x, y, w, h]) = nums::<4>(a) {
                        let pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
                            .map(|(px, py)| apply(&gs.ctm, px, py));
                        for i in 0..4 {
                            path.segments.push((pts[i], pts[(i + 1) % 4]));
                        }
                        path.subpaths.push(pts.to_vec());
                        path.current = Some(pts[0]);
                        path.start = Some(pts[0]);
                    }
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "n" => {
                    let o = op.operator.as_str();
                    if matches!(o, "S" | "s" | "B" | "B*" | "b" | "b*") {
                        let scale = (gs.ctm[0].abs() + gs.ctm[3].abs()) / 2.0;
                        if gs.line_width * scale <= THIN * 2.0 {
                            self.stroke(&path.segments);
                        }
                    }
                    if matches!(o, "f" | "F" | "f*" | "B" | "B*" | "b" | "b*") && !gs.white_fill {
                        self.fill(&path.subpaths);
                    }
                    path = Path::default();
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(Object::Name(n)) = a.first() {
                        self.xobject(resources, n, &gs, depth)?;
                    }
                }
                "BI" | "EI" => self.page.images += 1,
                _ => {}
            }
        }
        Ok(())
    }

    fn xobject(
        &mut self,
        resources: &[&'d Dictionary],
        name: &[u8],
        gs: &State,
        depth: usize,
    ) -> Result<(), PdfError> {
        let Some(Object::Stream(s)) = self
            .resource(resources, b"XObject", name)
            .map(|o| self.deref(o))
        else {
            return Ok(());
        };
        match s.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => self.page.images += 1,
            Ok(b"Form") => {
                let content = s
                    .get_plain_content_with_limit(MAX_STREAM_BYTES)
                    .map_err(|_| {
                        PdfError::Limit(format!(
                            "a form's content is more than {} MiB once inflated",
                            MAX_STREAM_BYTES >> 20
                        ))
                    })?;
                let mut inner = gs.clone();
                if let Ok(Object::Array(m)) = s.dict.get(b"Matrix")
                    && let Some(m) = nums::<6>(m)
                {
                    inner.ctm = mul(&m, &gs.ctm);
                }
                let mut res: Vec<&'d Dictionary> = Vec::new();
                if let Some(r) = s.dict.get(b"Resources").ok().and_then(|o| self.dict(o)) {
                    res.push(r);
                }
                res.extend_from_slice(resources);
                self.run(&content, &res, inner, depth + 1)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Shows a string, moving the text matrix.
    fn show(&mut self, bytes: &[u8], gs: &State, tm: &mut Matrix) {
        let Some(font) = gs.font.clone() else {
            return;
        };
        for code in font.codes(bytes) {
            let trm = mul(
                &[gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise],
                &mul(tm, &gs.ctm),
            );
            let advance = (code.width * gs.size
                + gs.char_space
                + if code.space { gs.word_space } else { 0.0 })
                * gs.scale;
            let w = code.width.max(0.0);
            let (x0, y0) = apply(&trm, 0.0, -0.2);
            let (x1, y1) = apply(&trm, if w > 0.0 { w } else { 0.5 }, 0.8);
            let (_, base) = apply(&trm, 0.0, 0.0);
            let size = (trm[2].powi(2) + trm[3].powi(2)).sqrt();
            if code.text.is_empty() {
                self.page.unmapped += 1;
            }
            let t = code
                .text
                .trim_matches(|c: char| c.is_whitespace() || c == '\0');
            if !t.is_empty() && size > 0.5 && x0.is_finite() && y0.is_finite() {
                self.page.glyphs.push(Glyph {
                    text: t.to_string(),
                    bbox: [x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)],
                    base,
                    size,
                });
            }
            if advance.is_finite() {
                *tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
            }
        }
    }

    fn stroke(&mut self, segments: &[(Point, Point)]) {
        for &((x0, y0), (x1, y1)) in segments {
            if (y0 - y1).abs() <= SLANT && (x0 - x1).abs() > SLANT {
                self.rule(true, (y0 + y1) / 2.0, x0, x1);
            } else if (x0 - x1).abs() <= SLANT && (y0 - y1).abs() > SLANT {
                self.rule(false, (x0 + x1) / 2.0, y0, y1);
            }
        }
    }

    /// Thin filled shapes (rectangles, or the mitred quadrilaterals some
    /// renderers draw a border side as) are ruling lines.
    fn fill(&mut self, subpaths: &[Vec<(f64, f64)>]) {
        for s in subpaths {
            if s.len() < 3 || s.iter().any(|p| !p.0.is_finite()) {
                continue;
            }
            let (mut l, mut b, mut r, mut t) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for p in s {
                l = l.min(p.0);
                r = r.max(p.0);
                b = b.min(p.1);
                t = t.max(p.1);
            }
            let (w, h) = (r - l, t - b);
            if h <= THIN && w > h {
                self.rule(true, (b + t) / 2.0, l, r);
            } else if w <= THIN && h > w {
                self.rule(false, (l + r) / 2.0, b, t);
            }
        }
    }

    fn rule(&mut self, horizontal: bool, at: f64, a: f64, b: f64) {
        if self.page.rules.len() < MAX_OPERATORS {
            self.page.rules.push(Rule {
                horizontal,
                at,
                from: a.min(b),
                to: a.max(b),
            });
        }
    }
}

/// An entry of a page or, when the page has none, of the nearest page tree
/// node above it that has one (`/MediaBox`, `/Rotate` are inherited).
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = Some(page);
    let mut hops = 0;
    while let Some(d) = node {
        if let Ok(o) = d.get(key) {
            return Some(match o {
                Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
                _ => o,
            });
        }
        hops += 1;
        node = (hops < 32)
            .then(|| d.get(b"Parent").ok())
            .flatten()
            .and_then(|p| p.as_reference().ok())
            .and_then(|id| doc.get_dictionary(id).ok());
    }
    None
}

fn media_box(doc: &Document, page: &Dictionary) -> [f64; 4] {
    if let Some(Object::Array(a)) = inherited(doc, page, b"MediaBox")
        && let Some(m) = nums::<4>(a)
    {
        return [
            m[0].min(m[2]),
            m[1].min(m[3]),
            m[0].max(m[2]),
            m[1].max(m[3]),
        ];
    }
    [0.0, 0.0, 595.0, 842.0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_in_pdf_order() {
        let m = mul(
            &[2.0, 0.0, 0.0, 2.0, 0.0, 0.0],
            &[1.0, 0.0, 0.0, 1.0, 10.0, 20.0],
        );
        assert_eq!(apply(&m, 1.0, 1.0), (12.0, 22.0));
    }
}
