//! Text a server sent, made safe to show: THE sanitizer. Every string a server controls (a reply's
//! body, its `Content-Type` and `Location`, the version and project names read from its JSON)
//! becomes a [`ServerText`] or a [`ServerBody`] at the network boundary (`io::probe`), and only
//! [`ServerText::sanitize`] / [`ServerBody::from_server`] build them: nothing the CLI, the JSON
//! output or the wizard shows can hold the server's bytes raw.
//!
//! What the sanitizer guarantees, whatever the input:
//! - no control character (C0, DEL, C1), no bidi override or isolate, no invisible format
//!   character: escape sequences (CSI, OSC, DCS...) and lone controls become one visible `�`;
//! - one line: line breaks and other whitespace become one space;
//! - at most `max` characters (then `…`);
//! - no run of [`MIN_RUN`] characters of a secret the [`Redactor`] knows (the credential, the
//!   secret key, the `pk:sk` pair), in any of the encodings a server may echo it in (raw,
//!   percent-encoded, `%2B`, `Basic+...`, URL-safe base64, JSON `\u` escapes, HTML character
//!   references), even split by controls or whitespace: each such run becomes `<redacted>`.
//!
//! Pure: the redactor is built from the headers the probe sends.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;
use zeroize::Zeroizing;

/// The cap for one value: a name, a version, a message, a header.
pub const MAX_TEXT: usize = 200;
/// The cap for an excerpt of a body.
pub const MAX_EXCERPT: usize = 300;
/// A run of this many characters of a secret (in canonical form) is redacted wherever it stands.
pub const MIN_RUN: usize = 12;
/// What a redacted run becomes.
pub const REDACTED: &str = "<redacted>";
/// What a removed escape sequence or control character becomes: visible, and harmless.
pub const REMOVED: char = '\u{FFFD}';

/// Server text after the sanitizer: one line, no controls, capped, secrets redacted.
#[derive(Clone, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct ServerText(String);

impl ServerText {
    /// THE sanitizer: see the module documentation.
    pub fn sanitize(raw: &str, redactor: &Redactor, max: usize) -> ServerText {
        let first = redactor.redact(raw);
        let cleaned = clean(&first);
        let second = redactor.redact(&cleaned);
        ServerText(cap(second.trim(), max))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for ServerText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ServerText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl PartialEq<&str> for ServerText {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// A reply body after the sanitizer: an excerpt to show, and its JSON (when it is JSON) with every
/// string and key sanitized, for the diagnosis to read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerBody {
    excerpt: ServerText,
    json: Option<serde_json::Value>,
    starts_like_html: bool,
}

impl ServerBody {
    /// THE sanitizer for a whole body.
    pub fn from_server(raw: &str, redactor: &Redactor) -> ServerBody {
        let json = serde_json::from_str(raw)
            .ok()
            .map(|value| sanitize_json(value, redactor));
        // A JSON body is shown as its sanitized self: its `\u001b` escapes are gone, not merely
        // harmless text that a second JSON decode would turn back into controls.
        let shown = match &json {
            Some(value) => serde_json::to_string(value).unwrap_or_default(),
            None => raw.to_string(),
        };
        ServerBody {
            excerpt: ServerText::sanitize(&shown, redactor, MAX_EXCERPT),
            json,
            starts_like_html: raw.trim_start().starts_with('<'),
        }
    }

    pub fn excerpt(&self) -> &ServerText {
        &self.excerpt
    }

    /// The body as JSON, every string in it sanitized.
    pub fn json(&self) -> Option<&serde_json::Value> {
        self.json.as_ref()
    }

    /// The string at a JSON pointer (`/data/0/name`), if the body is JSON and it is a string there.
    pub fn text(&self, pointer: &str) -> Option<ServerText> {
        // Sanitized when the body was read.
        self.json
            .as_ref()?
            .pointer(pointer)?
            .as_str()
            .map(|s| ServerText(s.to_string()))
    }

    pub fn starts_like_html(&self) -> bool {
        self.starts_like_html
    }
}

impl Serialize for ServerBody {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.excerpt.serialize(s)
    }
}

fn sanitize_json(value: serde_json::Value, redactor: &Redactor) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(ServerText::sanitize(&s, redactor, MAX_TEXT).0),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|v| sanitize_json(v, redactor))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    (
                        ServerText::sanitize(&k, redactor, MAX_TEXT).0,
                        sanitize_json(v, redactor),
                    )
                })
                .collect(),
        ),
        other => other,
    }
}

/// The secrets a reply must not show: built from what the probe sent. Zeroed when dropped; its
/// `Debug` shows only how many secrets it holds.
#[derive(Clone, Default)]
pub struct Redactor {
    /// Canonical forms (see [`canonical`]), never shorter than [`MIN_SECRET`].
    secrets: Vec<Zeroizing<Vec<char>>>,
}

/// Shorter secrets are not searched for: redacting every `ab` would eat the message.
const MIN_SECRET: usize = 6;

/// Two redactors are the same when they hide the same secrets (a shared answer is then redacted
/// as either would redact it).
impl PartialEq for Redactor {
    fn eq(&self, other: &Self) -> bool {
        self.secrets.len() == other.secrets.len()
            && self
                .secrets
                .iter()
                .zip(&other.secrets)
                .all(|(a, b)| a.as_slice() == b.as_slice())
    }
}

impl Eq for Redactor {}

impl std::hash::Hash for Redactor {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for secret in &self.secrets {
            secret.as_slice().hash(state);
        }
    }
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Redactor({} secrets)", self.secrets.len())
    }
}

impl Redactor {
    /// Redacts nothing: for text no secret was sent with.
    pub fn none() -> Redactor {
        Redactor::default()
    }

    /// From the headers of a request: every `Authorization` value (its base64, the `pk:sk` it
    /// decodes to, the secret alone), every secret-bearing header's value, and every `sk-lf-` key
    /// in any other value.
    pub fn for_headers<'a>(headers: impl IntoIterator<Item = (&'a str, &'a str)>) -> Redactor {
        let mut redactor = Redactor::default();
        for (name, value) in headers {
            redactor.add_header(name, value);
        }
        redactor
    }

    pub fn add_header(&mut self, name: &str, value: &str) {
        if name.eq_ignore_ascii_case("authorization") {
            self.add_authorization(value);
        } else if !name.eq_ignore_ascii_case(crate::core::credential::INGESTION_VERSION_HEADER) {
            // An access proxy's header (`CF-Access-Client-Secret`, any name), echoed by an error
            // page: every extra header's value is a secret.
            self.add(value.trim());
        }
        for key in secret_keys_in(value) {
            self.add(key);
        }
    }

    /// An `Authorization` value: `Basic <base64>`, `Bearer <token>`, or anything else sent there.
    pub fn add_authorization(&mut self, value: &str) {
        let value = value.trim();
        let token = ["basic", "bearer"]
            .iter()
            .find_map(|scheme| {
                value
                    .get(..scheme.len())
                    .filter(|head| head.eq_ignore_ascii_case(scheme))
                    .map(|_| value[scheme.len()..].trim())
            })
            .unwrap_or(value);
        self.add(token);
        if let Some(decoded) = STANDARD
            .decode(token.trim())
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .map(Zeroizing::new)
        {
            self.add(&decoded);
            if let Some((_, secret)) = decoded.split_once(':') {
                self.add(secret);
            }
        }
        for key in secret_keys_in(value) {
            self.add(key);
        }
    }

    /// One secret, in any form the sanitizer recognises.
    pub fn add(&mut self, secret: &str) {
        let form: Vec<char> = canonical(secret).into_iter().map(|t| t.c).collect();
        if form.len() >= MIN_SECRET && !self.secrets.iter().any(|s| **s == form) {
            self.secrets.push(Zeroizing::new(form));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.secrets.is_empty()
    }

    /// `text` with every run of a secret replaced by [`REDACTED`].
    fn redact(&self, text: &str) -> String {
        if self.secrets.is_empty() {
            return text.to_string();
        }
        let tokens = canonical(text);
        let chars: Vec<char> = tokens.iter().map(|t| t.c).collect();
        let mut covered = vec![false; tokens.len()];
        for secret in &self.secrets {
            let run = MIN_RUN.min(secret.len());
            // Each window of the text that is a run of the secret. Compared in place, not through
            // a set of the secret's windows: this runs for every string of every reply, on short
            // texts, where building and hashing the set cost most of a loopback test's own time.
            for (i, window) in chars.windows(run).enumerate() {
                if secret.windows(run).any(|piece| piece == window) {
                    covered[i..i + run].iter_mut().for_each(|c| *c = true);
                }
            }
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        let mut i = 0;
        while i < tokens.len() {
            if !covered[i] {
                i += 1;
                continue;
            }
            let start = tokens[i].start;
            while i < tokens.len() && covered[i] {
                i += 1;
            }
            let mut end = tokens[i - 1].end;
            // Base64 padding after a redacted run would only say where the secret ended.
            loop {
                let rest = &text[end..];
                if rest.starts_with('=') {
                    end += 1;
                } else if rest
                    .get(..3)
                    .is_some_and(|head| head.eq_ignore_ascii_case("%3D"))
                {
                    end += 3;
                } else {
                    break;
                }
            }
            out.push_str(&text[at..start.max(at)]);
            out.push_str(REDACTED);
            at = end;
        }
        out.push_str(&text[at..]);
        out
    }
}

/// `sk-lf-...` keys inside a value.
fn secret_keys_in(value: &str) -> Vec<&str> {
    let mut keys = Vec::new();
    let lower = value.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("sk-lf-") {
        let start = from + i;
        let len = value[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(value.len() - start);
        keys.push(&value[start..start + len]);
        from = start + len;
    }
    keys
}

/// One character of a canonical form, and the bytes of the original text it came from.
#[derive(Clone, Copy, Debug)]
struct Token {
    c: char,
    start: usize,
    end: usize,
}

/// The form secrets are compared in: escapes decoded (`%2B`, `%252B`, `\u002b`, `\/`, `&#43;`),
/// then whatever encodings and line-wrapping change or insert (`+`, `-`, `=`, whitespace,
/// controls, invisible characters, `�`) dropped and `_` read as `/` (URL-safe base64). Lossy on
/// purpose: it can only make more text match a secret.
fn canonical(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = text
        .char_indices()
        .map(|(start, c)| Token {
            c,
            start,
            end: start + c.len_utf8(),
        })
        .collect();
    // Twice: `%252B` is `%2B` once decoded. Text with no escape character has nothing to decode.
    if text.contains(['%', '\\', '&']) {
        for _ in 0..2 {
            tokens = decode_escapes(&tokens);
        }
    }
    tokens
        .into_iter()
        .filter(|t| !ignorable(t.c))
        .map(|t| Token {
            c: if t.c == '_' { '/' } else { t.c },
            ..t
        })
        .collect()
}

fn ignorable(c: char) -> bool {
    matches!(c, '+' | '-' | '=' | REMOVED) || c.is_whitespace() || is_hidden(c)
}

fn decode_escapes(tokens: &[Token]) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    let hex = |range: &[Token]| -> Option<u32> {
        let s: String = range.iter().map(|t| t.c).collect();
        if s.is_empty() || !s.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(&s, 16).ok()
    };
    while i < tokens.len() {
        let here = tokens[i];
        let rest = &tokens[i..];
        let decoded: Option<(char, usize)> = match here.c {
            '%' if rest.len() >= 3 => hex(&rest[1..3]).and_then(char::from_u32).map(|c| (c, 3)),
            '\\' if rest.len() >= 6 && matches!(rest[1].c, 'u' | 'U') => {
                hex(&rest[2..6]).and_then(char::from_u32).map(|c| (c, 6))
            }
            '\\' if rest.len() >= 4 && rest[1].c == 'x' => {
                hex(&rest[2..4]).and_then(char::from_u32).map(|c| (c, 4))
            }
            '\\' if rest.len() >= 2 && matches!(rest[1].c, '/' | '\\' | '"') => {
                Some((rest[1].c, 2))
            }
            '&' if rest.len() >= 4 && rest[1].c == '#' => {
                let end = rest.iter().take(10).position(|t| t.c == ';');
                end.and_then(|end| {
                    let digits = &rest[2..end];
                    let value = match digits.first().map(|t| t.c) {
                        Some('x' | 'X') => hex(&digits[1..]),
                        _ => {
                            let s: String = digits.iter().map(|t| t.c).collect();
                            s.parse::<u32>().ok()
                        }
                    };
                    value.and_then(char::from_u32).map(|c| (c, end + 1))
                })
            }
            _ => None,
        };
        match decoded {
            Some((c, len)) => {
                out.push(Token {
                    c,
                    start: here.start,
                    end: rest[len - 1].end,
                });
                i += len;
            }
            None => {
                out.push(here);
                i += 1;
            }
        }
    }
    out
}

/// Invisible or reordering characters: controls (C0, DEL, C1), bidi embeddings, overrides,
/// isolates and marks, zero-width characters, and the other format characters (Unicode `Cf`).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c as u32,
            0x00AD
                | 0x0600..=0x0605
                | 0x061C
                | 0x06DD
                | 0x070F
                | 0x0890..=0x0891
                | 0x08E2
                | 0x180E
                | 0x200B..=0x200F
                | 0x202A..=0x202E
                | 0x2060..=0x2064
                | 0x2066..=0x206F
                | 0xFEFF
                | 0xFFF9..=0xFFFB
                | 0x110BD
                | 0x110CD
                | 0x13430..=0x1343F
                | 0x1BCA0..=0x1BCA3
                | 0x1D173..=0x1D17A
                | 0xE0001
                | 0xE0020..=0xE007F
        )
}

/// One line with no controls: escape sequences and hidden characters become one [`REMOVED`] per
/// run, whitespace runs one space.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut space = false;
    let mut removed = false;
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if is_hidden(c) {
            match c {
                '\u{1b}' => skip_escape(&mut chars),
                '\u{9b}' => skip_csi(&mut chars),
                '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
                _ => {}
            }
            removed = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        if removed && !out.ends_with(REMOVED) {
            out.push(REMOVED);
        }
        space = false;
        removed = false;
        out.push(c);
    }
    if removed && !out.ends_with(REMOVED) {
        if space && !out.is_empty() {
            out.push(' ');
        }
        out.push(REMOVED);
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After ESC: the rest of the sequence (ECMA-48), as a terminal would consume it.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            while chars
                .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                .is_some()
            {}
            chars.next_if(|c| ('\u{30}'..='\u{7e}').contains(c));
        }
        Some(c) if ('\u{30}'..='\u{7e}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// Parameters, intermediates, and the final byte of a control sequence.
fn skip_csi(chars: &mut Chars<'_>) {
    while chars
        .next_if(|c| ('\u{30}'..='\u{3f}').contains(c))
        .is_some()
    {}
    while chars
        .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
        .is_some()
    {}
    chars.next_if(|c| ('\u{40}'..='\u{7e}').contains(c));
}

/// An OSC / DCS / SOS / PM / APC string, up to its terminator (BEL, ST, or ESC `\`), or the end.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {}
        }
    }
}

fn cap(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests;
