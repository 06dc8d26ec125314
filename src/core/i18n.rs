//! Messages in the user's language: English and Simplified Chinese.
//!
//! The catalogs are Project Fluent files (`locales/<lang>/*.ftl`) compiled into the binary and
//! read with `fluent-bundle`, the reference Rust implementation of Fluent (Mozilla's format:
//! named arguments, plural and select expressions, and translators' tooling such as Pontoon
//! read it). English is both the source and the fallback: a message id missing from the
//! Chinese catalog is shown in English, and `tests/i18n.rs` fails the build's tests when one is.
//!
//! The language is one process-wide value, chosen once by the binary (`--lang`, else `LC_ALL`,
//! `LC_MESSAGES`, `LANG`: [`Lang::from_locale_variables`]) before anything is printed. Code
//! that must not change with the language (JSON output, file contents) renders inside
//! [`in_english`]. The `--help` texts are clap's (doc comments, English); their Chinese lives in
//! `locales/zh-CN/help.ftl` under ids derived from the command path (see `crate::cli`).

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language the messages exist in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag, as `--lang` takes it and the catalogs are named.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// `--lang`'s value: `en` or `zh-CN` (any case, `_` for `-`, and `zh-Hans` accepted).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        match tag.as_str() {
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            "zh-cn" | "zh-hans" | "zh-hans-cn" | "zh-sg" | "zh-hans-sg" => Some(Lang::ZhCn),
            _ => None,
        }
    }

    /// The language a POSIX locale name asks for (`zh_CN.UTF-8`, `zh_SG.GB2312`, `zh_Hans`,
    /// `en_US.UTF-8@euro`, `C`). Chinese with the Hans script or the CN/SG territory is
    /// Simplified Chinese, and so is a bare `zh`; Traditional (`zh_TW`, `zh_HK`, `zh_MO`,
    /// `zh_Hant`) and every other language is English, the only other catalog.
    pub fn from_locale(locale: &str) -> Lang {
        let name = locale.split(['.', '@']).next().unwrap_or("");
        let mut parts = name.split(['_', '-']);
        if !parts
            .next()
            .is_some_and(|language| language.eq_ignore_ascii_case("zh"))
        {
            return Lang::En;
        }
        let rest: Vec<&str> = parts.collect();
        if rest.is_empty() {
            return Lang::ZhCn;
        }
        let simplified = rest.iter().any(|part| {
            ["hans", "cn", "sg"]
                .iter()
                .any(|tag| part.eq_ignore_ascii_case(tag))
        });
        if simplified { Lang::ZhCn } else { Lang::En }
    }

    /// POSIX precedence: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not
    /// empty decides; none set is English.
    pub fn from_locale_variables(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Lang {
        [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|value| !value.is_empty())
            .map_or(Lang::En, Lang::from_locale)
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::ZhCn => 1,
        }
    }

    /// The catalog files of this language, in the order they are loaded.
    pub fn catalog_files(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => EN_FILES,
            Lang::ZhCn => ZH_CN_FILES,
        }
    }
}

macro_rules! catalog {
    ($lang:literal: $($file:literal),+ $(,)?) => {
        &[$((
            concat!("locales/", $lang, "/", $file),
            include_str!(concat!("../../locales/", $lang, "/", $file)),
        )),+]
    };
}

const EN_FILES: &[(&str, &str)] = catalog!("en": "core.ftl", "cli.ftl", "wizard.ftl", "usage.ftl");
const ZH_CN_FILES: &[(&str, &str)] =
    catalog!("zh-CN": "core.ftl", "cli.ftl", "wizard.ftl", "help.ftl", "usage.ftl");

static LANGUAGE: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static OVERRIDE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Sets the process's language. The binary calls this once, before printing anything.
pub fn set_language(lang: Lang) {
    LANGUAGE.store(lang.index() as u8, Ordering::Relaxed);
}

/// The language messages are rendered in on this thread.
pub fn language() -> Lang {
    OVERRIDE.with(Cell::get).unwrap_or_else(|| {
        if LANGUAGE.load(Ordering::Relaxed) == Lang::ZhCn.index() as u8 {
            Lang::ZhCn
        } else {
            Lang::En
        }
    })
}

/// Runs `render` with this thread's messages in `lang` (snapshot tests draw every screen in
/// both languages this way, side by side in one process).
pub fn with_language<T>(lang: Lang, render: impl FnOnce() -> T) -> T {
    let previous = OVERRIDE.with(|cell| cell.replace(Some(lang)));
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            OVERRIDE.with(|cell| cell.set(self.0));
        }
    }
    let _restore = Restore(previous);
    render()
}

/// `future` with its messages in `lang` on whichever thread polls it: a task spawned on a
/// runtime's worker threads words its results in the language of the thread that spawned it
/// (the thread-local choice of [`with_language`] does not travel with the task by itself).
pub fn speaking<F: std::future::Future>(
    lang: Lang,
    future: F,
) -> impl std::future::Future<Output = F::Output> {
    struct Speaking<F> {
        lang: Lang,
        inner: std::pin::Pin<Box<F>>,
    }
    impl<F: std::future::Future> std::future::Future for Speaking<F> {
        type Output = F::Output;
        fn poll(
            mut self: std::pin::Pin<&mut Self>,
            cx: &mut std::task::Context<'_>,
        ) -> std::task::Poll<F::Output> {
            let lang = self.lang;
            with_language(lang, || self.inner.as_mut().poll(cx))
        }
    }
    Speaking {
        lang,
        inner: Box::pin(future),
    }
}

/// Runs `render` with messages in English: JSON output and file contents never change with
/// the language.
pub fn in_english<T>(render: impl FnOnce() -> T) -> T {
    with_language(Lang::En, render)
}

type Bundle = FluentBundle<FluentResource>;

/// The catalog files that may hold `id`, by its prefix: a run parses only the files of the
/// messages it shows (the wizard its own and the domain's, `test` the CLI's and the domain's, and
/// only `--help` in Chinese the 20 KB of help.ftl). `tests/i18n.rs` checks that every message is
/// in a file its prefix names here, and that no file refers to a term or message of another.
pub fn files_for(id: &str) -> &'static [&'static str] {
    match id.split('-').next() {
        Some("core") => &["core.ftl"],
        Some("cli") => &["cli.ftl"],
        Some("wiz") => &["wizard.ftl"],
        Some("help") => &["cli.ftl", "help.ftl"],
        Some("usage") => &["usage.ftl"],
        _ => &["core.ftl", "cli.ftl", "wizard.ftl", "help.ftl", "usage.ftl"],
    }
}

const MAX_FILES: usize = 5;

/// One catalog file, parsed a message at a time: a run shows a few dozen of a file's hundreds of
/// messages, and parsing whole files (66 KB for `test`) was a tenth of a `test` run. Each message
/// is parsed alone from its own lines the first time it is shown; the terms, which messages may
/// refer to, are parsed together when the file is first used. `tests/i18n.rs` checks that every
/// message formats exactly as in a bundle of the whole file.
struct Catalog {
    /// Each message's entry (its lines up to the next entry or comment), by id.
    entries: HashMap<&'static str, &'static str>,
    /// The terms and the messages parsed so far.
    bundle: Mutex<Bundle>,
}

impl Catalog {
    fn new(lang: Lang, text: &'static str) -> Catalog {
        let (entries, terms) = split_entries(text);
        let tag = lang.tag().parse().expect("a valid language tag");
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        // Fluent wraps each argument in Unicode isolation marks (U+2068/U+2069) by default;
        // terminals print them as stray glyphs or zero-width noise, and they would end up in
        // copied paths and commands.
        bundle.set_use_isolating(false);
        if !terms.is_empty() {
            add_parsed(&mut bundle, terms);
        }
        Catalog {
            entries,
            bundle: Mutex::new(bundle),
        }
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let entry = self.entries.get(id)?;
        let mut bundle = self
            .bundle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !bundle.has_message(id) {
            add_parsed(&mut bundle, entry.to_string());
        }
        let pattern = bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        errors.is_empty().then(|| text.into_owned())
    }
}

/// A catalog that does not parse, or defines an id twice, is a bug `tests/i18n.rs` reports with
/// the file and line; at run time the messages that did parse are used.
fn add_parsed(bundle: &mut Bundle, source: String) {
    let resource = FluentResource::try_new(source).unwrap_or_else(|(resource, _errors)| resource);
    let _ = bundle.add_resource(resource);
}

/// A Fluent file's messages by id, each with its lines, and all its terms together. An entry
/// starts at a line that begins with an identifier (a message) or `-` (a term) and runs to the
/// next such line: every other line (indented, blank, a select expression's `}`, `[` or `*` at the
/// start of a line, or a comment) belongs to the entry above it, as in the Fluent syntax.
fn split_entries(text: &'static str) -> (HashMap<&'static str, &'static str>, String) {
    let mut entries = HashMap::new();
    let mut terms = String::new();
    // (where the entry starts, its id, whether it is a term)
    let mut open: Option<(usize, &'static str, bool)> = None;
    let mut close = |open: Option<(usize, &'static str, bool)>, end: usize| {
        if let Some((start, id, term)) = open {
            let entry = &text[start..end];
            if term {
                // Each ends with its line end, except the file's last entry, which nothing follows.
                terms.push_str(entry);
            } else {
                entries.entry(id).or_insert(entry);
            }
        }
    };
    let mut at = 0;
    while at < text.len() {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let line = &text[at..line_end];
        // Any other line (indented, blank, `}`, `[`, `*`, a comment) goes on with the entry above
        // (a comment after a message parses as a comment beside it, and changes nothing).
        if let first @ (b'a'..=b'z' | b'A'..=b'Z' | b'-') = line.as_bytes()[0] {
            close(open.take(), at);
            let name = &line[usize::from(first == b'-')..];
            let id_len = name
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(name.len());
            open = Some((at, &name[..id_len], first == b'-'));
        }
        at = line_end;
    }
    close(open.take(), text.len());
    (entries, terms)
}

/// The catalog of one file of `lang`, indexed on first use.
fn catalog(lang: Lang, file: usize) -> &'static Catalog {
    static CATALOGS: [[OnceLock<Catalog>; MAX_FILES]; 2] =
        [const { [const { OnceLock::new() }; MAX_FILES] }; 2];
    CATALOGS[lang.index()][file].get_or_init(|| Catalog::new(lang, lang.catalog_files()[file].1))
}

/// The message `id` of `lang`'s catalog, formatted; `None` when no file of it has the id or it
/// does not format.
fn format_in(lang: Lang, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    let files = lang.catalog_files();
    files_for(id).iter().find_map(|name| {
        let index = files
            .iter()
            .position(|(path, _)| path.rsplit('/').next() == Some(*name))?;
        catalog(lang, index).format(id, args)
    })
}

/// The message `id` in `lang`, if that catalog has it (no fallback): for clap's help texts,
/// whose English is the doc comments.
pub fn lookup(lang: Lang, id: &str) -> Option<String> {
    format_in(lang, id, None)
}

/// The message `id` in this thread's language, English where that catalog lacks it, the id
/// itself where English does too (a bug the source scan in `tests/i18n.rs` catches first).
pub fn message(id: &str, args: Option<&FluentArgs>) -> String {
    let lang = language();
    format_in(lang, id, args)
        .or_else(|| {
            (lang != Lang::En)
                .then(|| format_in(Lang::En, id, args))
                .flatten()
        })
        .unwrap_or_else(|| id.to_string())
}

/// An argument-free message as a `&'static str`, for the tables the views draw from (key hints,
/// list rows). Each id is rendered once per language and kept for the life of the process: a
/// few kilobytes, bounded by the catalog.
pub fn message_static(id: &'static str) -> &'static str {
    static CACHE: OnceLock<Mutex<HashMap<(Lang, &'static str), &'static str>>> = OnceLock::new();
    let lang = language();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cache
        .entry((lang, id))
        .or_insert_with(|| Box::leak(message(id, None).into_boxed_str()))
}

/// A value passed to a message. Numbers stay numbers, so a catalog can select a plural form on
/// them; everything else is its text.
pub trait IntoArg {
    fn into_arg(self) -> FluentValue<'static>;
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl IntoArg for $t {
            fn into_arg(self) -> FluentValue<'static> {
                FluentValue::from(self)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, f32, f64);

macro_rules! text_args {
    ($($t:ty),*) => {$(
        impl IntoArg for $t {
            fn into_arg(self) -> FluentValue<'static> {
                FluentValue::from(self.to_string())
            }
        }
    )*};
}
text_args!(
    &str,
    String,
    &String,
    char,
    Cow<'_, str>,
    &Cow<'_, str>,
    std::path::Display<'_>,
    &std::path::Display<'_>
);

impl IntoArg for &std::path::Path {
    fn into_arg(self) -> FluentValue<'static> {
        FluentValue::from(self.display().to_string())
    }
}

impl IntoArg for &std::path::PathBuf {
    fn into_arg(self) -> FluentValue<'static> {
        FluentValue::from(self.display().to_string())
    }
}

impl IntoArg for std::fmt::Arguments<'_> {
    fn into_arg(self) -> FluentValue<'static> {
        FluentValue::from(self.to_string())
    }
}

#[doc(hidden)]
pub fn args_with_capacity(capacity: usize) -> FluentArgs<'static> {
    FluentArgs::with_capacity(capacity)
}

/// `items` as one phrase in the user's language: "a", "a and b", "a, b and c".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [first @ .., last] => {
            let first: Vec<&str> = first.iter().map(AsRef::as_ref).collect();
            format!(
                "{}{}{}",
                first.join(&crate::tr!("core-list-comma")),
                crate::tr!("core-and-separator"),
                last.as_ref()
            )
        }
    }
}

/// `tr!("id")` or `tr!("id", name = value, ...)`: the message `id` of `locales/*/*.ftl` in the
/// user's language, as a `String`. Values are anything [`IntoArg`] (text, paths, numbers).
#[macro_export]
macro_rules! tr {
    ($id:literal $(,)?) => {
        $crate::core::i18n::message($id, None)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::core::i18n::args_with_capacity(8);
        $( args.set(stringify!($name), $crate::core::i18n::IntoArg::into_arg($value)); )+
        $crate::core::i18n::message($id, Some(&args))
    }};
}

/// `tr_static!("id")`: an argument-free message as `&'static str` (see [`message_static`]).
#[macro_export]
macro_rules! tr_static {
    ($id:literal $(,)?) => {
        $crate::core::i18n::message_static($id)
    };
}

/// For the tests of each area's messages: `text` reads as Chinese (Han characters, and none of
/// the small English words a sentence left untranslated would have outside `code`), and every
/// value it was given (`kept`: paths, line numbers, URLs, variable names) appears in it as is.
#[cfg(test)]
#[track_caller]
pub(crate) fn assert_chinese(text: &str, kept: &[&str]) {
    assert!(
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "no Chinese in {text:?}"
    );
    let prose: String = text
        .split('`')
        .step_by(2)
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    for word in [" the ", " is ", " and ", " not ", " to ", " of ", " with "] {
        assert!(
            !prose.contains(word),
            "English ({:?}) left in {text:?}",
            word.trim()
        );
    }
    for value in kept {
        assert!(text.contains(value), "{value:?} missing from {text:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_reads_as_one_phrase() {
        with_language(Lang::En, || {
            assert_eq!(and_list::<&str>(&[]), "");
            assert_eq!(and_list(&["a"]), "a");
            assert_eq!(and_list(&["a", "b"]), "a and b");
            assert_eq!(and_list(&["a", "b", "c", "d"]), "a, b, c and d");
        });
        with_language(Lang::ZhCn, || {
            assert_eq!(and_list(&["a", "b", "c"]), "a、b 和 c");
        });
    }

    #[test]
    fn locale_names_choose_the_language() {
        for (locale, lang) in [
            ("zh_CN.UTF-8", Lang::ZhCn),
            ("zh_CN", Lang::ZhCn),
            ("zh_SG.GB2312", Lang::ZhCn),
            ("zh_Hans", Lang::ZhCn),
            ("zh-Hans-CN", Lang::ZhCn),
            ("zh", Lang::ZhCn),
            ("zh.UTF-8", Lang::ZhCn),
            ("zh_TW.UTF-8", Lang::En),
            ("zh_HK.Big5", Lang::En),
            ("zh_Hant_TW", Lang::En),
            ("zh_MO", Lang::En),
            ("en_US.UTF-8", Lang::En),
            ("de_DE@euro", Lang::En),
            ("C", Lang::En),
            ("POSIX", Lang::En),
            ("C.UTF-8", Lang::En),
            ("", Lang::En),
            ("zhx_CN", Lang::En),
        ] {
            assert_eq!(Lang::from_locale(locale), lang, "{locale:?}");
        }
    }

    #[test]
    fn lc_all_then_lc_messages_then_lang() {
        let zh = Some("zh_CN.UTF-8");
        let en = Some("en_US.UTF-8");
        assert_eq!(Lang::from_locale_variables(zh, en, en), Lang::ZhCn);
        assert_eq!(Lang::from_locale_variables(en, zh, zh), Lang::En);
        assert_eq!(Lang::from_locale_variables(None, zh, en), Lang::ZhCn);
        assert_eq!(Lang::from_locale_variables(Some(""), zh, en), Lang::ZhCn);
        assert_eq!(Lang::from_locale_variables(None, Some(""), zh), Lang::ZhCn);
        assert_eq!(Lang::from_locale_variables(None, None, zh), Lang::ZhCn);
        assert_eq!(Lang::from_locale_variables(None, en, zh), Lang::En);
        assert_eq!(Lang::from_locale_variables(None, None, None), Lang::En);
        assert_eq!(Lang::from_locale_variables(Some("C"), zh, zh), Lang::En);
    }

    #[test]
    fn lang_flag_values() {
        for tag in ["en", "EN", "en-US", "en_GB"] {
            assert_eq!(Lang::from_tag(tag), Some(Lang::En), "{tag}");
        }
        for tag in ["zh-CN", "zh_CN", "zh-cn", "ZH-CN", "zh-Hans", "zh-SG"] {
            assert_eq!(Lang::from_tag(tag), Some(Lang::ZhCn), "{tag}");
        }
        for tag in ["zh-TW", "zh", "fr", "", "zh-CN-x"] {
            assert_eq!(Lang::from_tag(tag), None, "{tag}");
        }
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
    }

    #[test]
    fn messages_follow_the_thread_language_and_fall_back_to_english() {
        let en = with_language(Lang::En, || tr!("core-language-name"));
        let zh = with_language(Lang::ZhCn, || tr!("core-language-name"));
        assert_eq!(en, "English");
        assert_eq!(zh, "简体中文");
        assert_eq!(
            with_language(Lang::ZhCn, || in_english(|| tr!("core-language-name"))),
            "English"
        );
        assert_eq!(message("no-such-message-id", None), "no-such-message-id");
    }

    #[test]
    fn arguments_are_not_wrapped_in_isolation_marks() {
        let text = with_language(Lang::En, || {
            tr!(
                "core-language-example",
                path = std::path::Path::new("a/.env"),
                count = 2
            )
        });
        assert_eq!(text, "2 lines of a/.env");
        let one = with_language(Lang::En, || {
            tr!("core-language-example", path = "b", count = 1usize)
        });
        assert_eq!(one, "1 line of b");
        let zh = with_language(Lang::ZhCn, || {
            tr!("core-language-example", path = "b", count = 1)
        });
        assert_eq!(zh, "b 的 1 行");
    }

    #[test]
    fn static_messages_are_per_language() {
        let en = with_language(Lang::En, || tr_static!("core-language-name"));
        let zh = with_language(Lang::ZhCn, || tr_static!("core-language-name"));
        assert_eq!((en, zh), ("English", "简体中文"));
        assert!(std::ptr::eq(
            en,
            with_language(Lang::En, || tr_static!("core-language-name"))
        ));
    }
}
