//! The wizard's state machine driven by messages (every path, back navigation, every failure
//! branch of the live test), and snapshots of every screen rendered with ratatui's `TestBackend`
//! at 80x24 and 120x32.

mod common;
#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/screenshot.rs"]
mod screenshot;

use std::path::PathBuf;
use std::time::Duration;

use fixtures::{PK, SK, ctrl, key, typed};
use langfuse_otel::core::diagnosis::{NetError, Problem, Project};
use langfuse_otel::core::host::Region;
use langfuse_otel::core::i18n::{self, Lang};
use langfuse_otel::core::server_text::{MAX_TEXT, Redactor, ServerText};
use langfuse_otel::core::vars::Family;
use langfuse_otel::io::probe::RegionAnswer;
use langfuse_otel::io::profile::SecretLocation;
use langfuse_otel::io::secret_store::StoreError;
use langfuse_otel::tui::app::{
    App, Effect, Flow, KeyringStatus, Msg, OutputFocus, Screen, StartOption, TestPhase, update,
};
use langfuse_otel::tui::view;

/// Panics when the screen holds any form of the fixtures' secret (raw, base64 credential, `%2B`
/// and URL-encoded forms, cut short or whole: see `common::secret_forms`).
fn assert_masked(what: &str, screen: &str) {
    common::assert_no_secret(what, screen.as_bytes(), &[(PK, SK)]);
}
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

/// The screen as `TestBackend` shows it (one quoted row per line), without its notes on the
/// cells a wide character covers: a Chinese row reads as it does in a terminal.
fn render(app: &App, width: u16, height: u16) -> String {
    use unicode_width::UnicodeWidthStr as _;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut screen = String::new();
    for row in buffer.content().chunks(usize::from(width)) {
        let mut line = String::new();
        let mut covered = 0;
        let mut cells = 0;
        for cell in row {
            if covered == 0 {
                line.push_str(cell.symbol());
                cells += cell.symbol().width().max(1);
            }
            covered = cell.symbol().width().max(covered).saturating_sub(1);
        }
        // A wide character never hangs over the right edge.
        assert_eq!(
            cells,
            usize::from(width),
            "row {line:?} is not {width} cells"
        );
        screen.push_str(&format!("\"{line}\"\n"));
    }
    screen
}

fn names(effects: &[Effect]) -> Vec<&'static str> {
    effects
        .iter()
        .map(|e| match e {
            Effect::DetectRegion { .. } => "detect",
            Effect::Test { .. } => "test",
            Effect::CheckKeyring { .. } => "keyring",
            Effect::ReadEnv { .. } => "read",
            Effect::CheckGit { .. } => "git",
            Effect::LoadSecret { .. } => "secret",
            Effect::Write { .. } => "write",
            Effect::Diagnose { .. } => "diagnose",
            Effect::Repair { .. } => "repair",
            Effect::ExplainEnv { .. } => "explain-env",
            Effect::Arrival { .. } => "arrival",
            Effect::LoadHeaders { .. } => "headers",
        })
        .collect()
}

/// Every encoding of the fixture secret a screen could leak: raw, without its prefix, inside the
/// Basic credential (base64 of `pk:sk`), and that credential percent-encoded as header lists carry it.
fn secret_forms() -> Vec<String> {
    use base64::Engine as _;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{PK}:{SK}"));
    vec![
        SK.to_string(),
        SK[6..].to_string(),
        basic.clone(),
        basic[basic.len() / 2..].to_string(),
        basic.replace('+', "%2B"),
    ]
}

/// Every screen in English at three sizes and in Chinese at the two the issue names. The fixtures
/// are built in the language too: notes and errors a screen keeps are worded when they happen.
#[test]
fn every_screen_in_both_languages_at_60x18_80x24_and_120x40() {
    for (lang, sizes) in [
        (Lang::En, &[(60, 18), (80, 24), (120, 40)][..]),
        (Lang::ZhCn, &[(60, 18), (80, 24)][..]),
    ] {
        i18n::with_language(lang, || {
            for (name, app) in fixtures::gallery() {
                for &(w, h) in sizes {
                    every_screen_check(lang, name, &app, w, h);
                }
            }
        });
    }
}

fn every_screen_check(lang: Lang, name: &str, app: &App, w: u16, h: u16) {
    let screen = render(app, w, h);
    assert_masked(&format!("{name} at {w}x{h}"), &screen);
    for form in secret_forms() {
        assert!(
            !screen.contains(&form),
            "{name} {w}x{h}: the secret is on screen as {form}"
        );
    }
    let rows: Vec<&str> = screen.lines().collect();
    // The footer is always the last row, with a way out.
    let quit = langfuse_otel::tr!("wiz-key-quit");
    assert!(
        rows[rows.len() - 1].contains(&quit) || rows[rows.len() - 1].contains('…'),
        "{name} {w}x{h}: no footer:\n{screen}"
    );
    // A selected row is on screen whenever the screen has one.
    if app.screen != Screen::Done
        && name != "testing"
        && name != "keys"
        && name != "test-ok"
        && name != "explain"
        && name != "rotate-keys"
    {
        assert!(
            screen.contains('›'),
            "{name} {w}x{h}: the selection is off screen:\n{screen}"
        );
    }
    if app.context.ephemeral {
        assert!(
            screen.contains(&langfuse_otel::tr!("wiz-demo-badge")),
            "{name} {w}x{h}: a demo must say so:\n{screen}"
        );
    }
    let snapshot = match lang {
        Lang::En => format!("{name}-{w}x{h}"),
        _ => format!("{name}-{}-{w}x{h}", lang.tag()),
    };
    insta::assert_snapshot!(snapshot, screen);
}

#[test]
fn the_selection_and_the_action_stay_on_screen_at_60x18() {
    // Self-hosted is the last region: selected, it and its URL field are in view.
    let mut app = fixtures::app();
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, key(KeyCode::Up));
    let screen = render(&app, 60, 18);
    assert!(screen.contains("› Self-hosted"), "{screen}");
    update(&mut app, key(KeyCode::Enter));
    typed(&mut app, "https://langfuse.example.com");
    let screen = render(&app, 60, 18);
    assert!(
        screen.contains("URL  [https://langfuse.example.com"),
        "{screen}"
    );
    // The output screen's Write is never cut off, even with a long preview and an error.
    let mut app = fixtures::output();
    app.output.error = Some(
        "a long error message that wraps over more than one row at this width, and then some"
            .into(),
    );
    let screen = render(&app, 60, 18);
    assert!(screen.contains("[ Write ]"), "{screen}");
    assert!(screen.contains("Tab next"), "{screen}");
    // Many profiles: the start list scrolls to the selection.
    let mut context = fixtures::context();
    context.profiles = (0..12)
        .map(|i| {
            let mut p = fixtures::profile();
            p.name = format!("project-{i}");
            p
        })
        .collect();
    let mut app = App::new(context);
    app.start_choice = app
        .start_options()
        .iter()
        .position(|o| *o == StartOption::Export("project-11".into()))
        .unwrap();
    let screen = render(&app, 60, 18);
    assert!(
        screen.contains("› Write a .env for profile `project-11`"),
        "{screen}"
    );
    assert!(screen.contains("more above"), "{screen}");
}

#[test]
fn below_the_minimum_only_quit_acts() {
    let mut app = fixtures::start();
    update(&mut app, Msg::Resize(50, 12));
    let screen = render(&app, 50, 12);
    assert!(screen.contains("Make the terminal larger"), "{screen}");
    for code in [
        KeyCode::Enter,
        KeyCode::Down,
        KeyCode::Esc,
        KeyCode::Char('n'),
    ] {
        assert!(update(&mut app, key(code)).is_empty());
        assert_eq!(app.screen, Screen::Start);
        assert!(!app.quit);
    }
    update(&mut app, key(KeyCode::Char('q')));
    assert!(app.quit);
    assert_eq!(app.interrupted, None);
}

#[test]
fn after_a_write_ctrl_c_and_q_leave_with_success() {
    for quit in [ctrl('c'), key(KeyCode::Char('q'))] {
        let mut app = fixtures::done();
        update(&mut app, quit);
        assert!(app.quit);
        assert_eq!(app.interrupted, None, "the write succeeded: exit 0");
    }
}

#[test]
fn a_small_terminal_asks_to_be_larger_and_a_resize_redraws() {
    let app = fixtures::start();
    let small = render(&app, 50, 12);
    assert!(small.contains("Make the terminal larger"), "{small}");
    assert!(small.contains("50×12"), "{small}");
    let mut app = app;
    update(&mut app, Msg::Resize(100, 30));
    assert_eq!(app.size, (100, 30));
    assert!(render(&app, 100, 30).contains("Set up a new profile"));
}

/// Below the minimum, the request to enlarge the terminal is Chinese under a Chinese locale, and
/// it wraps inside even a tiny terminal without losing a character (the sizes say what it needs).
#[test]
fn a_small_terminal_asks_in_chinese_too() {
    i18n::with_language(Lang::ZhCn, || {
        let app = fixtures::start();
        for (w, h) in [(59, 18), (30, 10), (20, 8)] {
            let screen = render(&app, w, h);
            insta::assert_snapshot!(format!("too-small-zh-CN-{w}x{h}"), screen);
            let text: String = screen
                .lines()
                .map(|row| row.trim_matches('"').replace(' ', ""))
                .collect();
            for part in [
                "请把终端调大一些",
                "60×18",
                &format!("{w}×{h}"),
                "按q或Ctrl-C退出",
            ] {
                assert!(text.contains(part), "{part}: {screen}");
            }
        }
    });
}

#[test]
fn the_reveal_toggle_is_the_only_way_the_secret_is_drawn() {
    let mut app = fixtures::keys();
    assert_masked("keys", &render(&app, 120, 32));
    update(&mut app, ctrl('r'));
    assert!(render(&app, 120, 32).contains(SK));
    update(&mut app, ctrl('r'));
    assert_masked("keys, hidden again", &render(&app, 120, 32));
    // Never in the preview, even while revealed.
    let mut app = fixtures::output();
    app.keys.reveal = true;
    assert_masked("output, revealed", &render(&app, 120, 32));
}

#[test]
fn setup_walks_from_start_to_write() {
    let mut app = fixtures::app();
    assert_eq!(app.screen, Screen::Start);
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Region);
    // Esc goes back, Enter comes again.
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.screen, Screen::Start);
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, key(KeyCode::Down)); // EU
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Keys);
    typed(&mut app, PK);
    // Enter on a valid public key moves on to the secret.
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    typed(&mut app, SK);
    let effects = update(&mut app, key(KeyCode::Enter));
    assert_eq!(names(&effects), ["test"]);
    let Effect::Test { target, .. } = &effects[0] else {
        unreachable!()
    };
    assert_eq!(
        target.traces_url,
        "https://cloud.langfuse.com/api/public/otel/v1/traces"
    );
    assert_eq!(app.screen, Screen::Test);
    // Keys pressed while the test runs do not skip it.
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    let id = app.test.request.unwrap();
    update(
        &mut app,
        Msg::Tested {
            id,
            report: Box::new(fixtures::report(true)),
            hint: None,
        },
    );
    let effects = update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Output);
    assert_eq!(names(&effects), ["keyring", "read", "git"]);
    fixtures::keyring_checked(&mut app, Ok(()));
    let id = app.output.read_request.unwrap();
    update(
        &mut app,
        Msg::EnvRead {
            id,
            path: PathBuf::from(".env"),
            result: Ok(None),
            mode: None,
        },
    );
    // Families: toggle otel on.
    update(&mut app, key(KeyCode::Tab));
    update(&mut app, key(KeyCode::Tab));
    assert_eq!(app.output.focus, OutputFocus::Family(Family::Otel));
    update(&mut app, key(KeyCode::Char(' ')));
    assert_eq!(app.selected_families(), Family::ALL);
    // The otel family changes what is sent: Enter tests these variables before any write.
    assert_eq!(names(&update(&mut app, key(KeyCode::Enter))), ["test"]);
    let id = app.test.request.unwrap();
    update(
        &mut app,
        Msg::Tested {
            id,
            report: Box::new(fixtures::report(true)),
            hint: None,
        },
    );
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Output);
    assert_eq!(app.selected_families(), Family::ALL, "kept");
    fixtures::keyring_checked(&mut app, Ok(()));
    let effects = update(&mut app, key(KeyCode::Enter));
    let [Effect::Write { job, .. }] = effects.as_slice() else {
        panic!("expected a write");
    };
    assert!(job.store_in_keyring);
    assert_eq!(job.record, Some(SecretLocation::Keyring));
    // The path as typed (`.env`), resolved against the working directory: what is shown is written.
    assert_eq!(job.paths, [PathBuf::from("/home/ada/app/.env")]);
    assert!(job.tested);
    assert_eq!(job.families.len(), 3);
    let id = app.output.write_request.unwrap();
    update(
        &mut app,
        Msg::Written {
            id,
            result: Ok(langfuse_otel::tui::app::DoneSummary {
                files: vec![".env: written".into()],
                profile: Some("default".into()),
                secret: Some(SecretLocation::Keyring),
                rotated: false,
                node_project: false,
            }),
        },
    );
    assert_eq!(app.screen, Screen::Done);
    update(&mut app, key(KeyCode::Enter));
    assert!(app.quit);
    assert_eq!(app.interrupted, None);
}

#[test]
fn every_failure_branch_of_the_live_test() {
    // Edit keys.
    let mut app = fixtures::tested(false);
    assert_eq!(app.test.phase, TestPhase::Finished);
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Keys);
    // Change region.
    let mut app = fixtures::tested(false);
    update(&mut app, key(KeyCode::Down));
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Region);
    // Retry runs the test again.
    let mut app = fixtures::tested(false);
    update(&mut app, key(KeyCode::Down));
    update(&mut app, key(KeyCode::Down));
    assert_eq!(names(&update(&mut app, key(KeyCode::Enter))), ["test"]);
    assert_eq!(app.test.phase, TestPhase::Testing);
    // Continue anyway goes on, and the write says it was not tested.
    let mut app = fixtures::tested(false);
    update(&mut app, key(KeyCode::Up));
    let effects = update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Output);
    assert_eq!(names(&effects), ["keyring", "read", "git"]);
    fixtures::keyring_checked(&mut app, Ok(()));
    let effects = update(&mut app, key(KeyCode::Enter));
    let [Effect::Write { job, .. }] = effects.as_slice() else {
        panic!("expected a write");
    };
    assert!(!job.tested);
    // The region hint is on screen.
    let screen = render(&fixtures::tested(false), 120, 32);
    assert!(
        screen.contains("these keys belong to the US (Langfuse Cloud) region"),
        "{screen}"
    );
}

fn detecting() -> App {
    let mut app = fixtures::app();
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, key(KeyCode::Enter)); // "Detect from my keys" is the first choice
    typed(&mut app, PK);
    update(&mut app, key(KeyCode::Tab));
    typed(&mut app, SK);
    let effects = update(&mut app, key(KeyCode::Enter));
    assert_eq!(names(&effects), ["detect"]);
    assert_eq!(app.test.phase, TestPhase::Detecting);
    app
}

fn answer(region: Region, ok: bool) -> RegionAnswer {
    RegionAnswer {
        region,
        host: region.host(),
        result: if ok {
            Ok(Project {
                id: ServerText::sanitize("p", &Redactor::none(), MAX_TEXT),
                name: ServerText::sanitize("n", &Redactor::none(), MAX_TEXT),
                organization: None,
            })
        } else {
            Err(langfuse_otel::core::diagnosis::Problem::InvalidCredentials)
        },
    }
}

/// The answer to the detection the app waits for.
fn detected(app: &mut App, answers: Vec<RegionAnswer>) -> Vec<Effect> {
    let id = app.test.request.expect("a detection is running");
    update(
        app,
        Msg::Detected {
            id,
            answers,
            elapsed: Duration::from_millis(120),
        },
    )
}

fn offline_answer(region: Region) -> RegionAnswer {
    RegionAnswer {
        region,
        host: region.host(),
        result: Err(Problem::Network(NetError::Dns {
            host: region.host().to_string(),
        })),
    }
}

#[test]
fn region_detection_finds_one_none_or_several() {
    let mut app = detecting();
    let effects = detected(
        &mut app,
        vec![answer(Region::Eu, false), answer(Region::Us, true)],
    );
    let [Effect::Test { target, .. }] = effects.as_slice() else {
        panic!("expected a test");
    };
    assert_eq!(target.host, Region::Us.host());

    let mut app = detecting();
    assert!(detected(&mut app, vec![answer(Region::Eu, false)]).is_empty());
    assert!(
        app.test
            .detect_error
            .as_ref()
            .unwrap()
            .contains("No Langfuse Cloud region")
    );
    // With no host there is nothing to continue with: no "continue anyway"; Retry asks again.
    let rows = render(&app, 80, 24);
    assert!(!rows.contains("Continue anyway"), "{rows}");
    assert_eq!(names(&update(&mut app, key(KeyCode::Enter))), ["detect"]);

    let mut app = detecting();
    detected(
        &mut app,
        vec![answer(Region::Eu, true), answer(Region::Jp, true)],
    );
    assert!(app.test.detect_error.as_ref().unwrap().contains("(eu, jp)"));
}

#[test]
fn offline_detection_says_no_network_and_retries() {
    let mut app = detecting();
    assert!(
        detected(
            &mut app,
            Region::CLOUD.iter().map(|r| offline_answer(*r)).collect()
        )
        .is_empty()
    );
    let screen = render(&app, 80, 24);
    assert!(screen.contains("No network"), "{screen}");
    assert!(!screen.contains("accepts these keys"), "{screen}");
    // Retry is the first choice, and asks every region again.
    assert_eq!(names(&update(&mut app, key(KeyCode::Enter))), ["detect"]);
    // Some regions unreachable, none accepting: both said.
    let mut app = detecting();
    detected(
        &mut app,
        vec![answer(Region::Eu, false), offline_answer(Region::Us)],
    );
    let error = app.test.detect_error.clone().unwrap();
    assert!(error.contains("us could not be reached"), "{error}");
}

#[test]
fn self_hosted_urls_are_normalised_live_and_plain_http_needs_a_confirmation() {
    let app = fixtures::region();
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("will use https://langfuse.example.com"),
        "{screen}"
    );
    assert!(screen.contains("removed `/api/public/otel`"), "{screen}");

    let mut app = fixtures::app();
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, key(KeyCode::Up));
    update(&mut app, key(KeyCode::Enter));
    typed(&mut app, "http://langfuse.internal:3000");
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Region, "refused without confirmation");
    assert!(render(&app, 100, 30).contains("press Ctrl-Y"));
    update(&mut app, ctrl('y'));
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Keys);

    // A plain y is part of the URL, not the confirmation.
    let mut app = fixtures::app();
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, key(KeyCode::Up));
    update(&mut app, key(KeyCode::Enter));
    typed(&mut app, "http://my.langfuse.internal:3000");
    assert_eq!(app.url.value(), "http://my.langfuse.internal:3000");
    assert!(!app.allow_http);
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Region, "refused without confirmation");
}

#[test]
fn keys_are_validated_as_typed_and_pastes_are_cleaned() {
    let mut app = fixtures::keys_empty();
    // A secret pasted into the public field goes to the secret field, hidden, and is said so.
    update(&mut app, Msg::Paste(SK.into()));
    assert_eq!(app.keys.secret.value(), SK);
    assert!(app.keys.public.is_empty());
    let screen = render(&app, 120, 32);
    assert!(screen.contains("it went to the secret field"), "{screen}");
    assert!(!screen.contains(&SK[6..]), "{screen}");
    // Typed into the public field, it moves as soon as its prefix shows.
    update(&mut app, Msg::Paste(String::new()));
    app.keys.secret.set("");
    app.keys.focus = langfuse_otel::tui::app::KeyField::Public;
    typed(&mut app, SK);
    assert_eq!(app.keys.secret.value(), SK);
    assert!(!render(&app, 120, 32).contains(&SK[6..]));
    // Swapped keys (set directly): named as such, the secret still masked, and Enter does not
    // start a test.
    app.keys.public.set(SK);
    app.keys.secret.set(PK);
    let screen = render(&app, 120, 32);
    assert!(screen.contains("the keys are swapped"), "{screen}");
    assert!(!screen.contains(&SK[6..]), "{screen}");
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    assert_eq!(app.screen, Screen::Keys);
    // A paste of both keys at once fills both fields.
    update(
        &mut app,
        Msg::Paste(format!(
            "LANGFUSE_PUBLIC_KEY={PK}\nLANGFUSE_SECRET_KEY={SK}\n"
        )),
    );
    assert_eq!(app.keys.public.value(), PK);
    assert_eq!(app.keys.secret.value(), SK);
    assert!(
        app.keys
            .notes
            .iter()
            .any(|n| n.contains("pasted both keys"))
    );
    // A quoted paste with a line break is cleaned and said so.
    let app = fixtures::keys();
    assert_eq!(app.keys.public.value(), PK);
    let screen = render(&app, 120, 32);
    assert!(
        screen.contains("removed the quotes around the public key"),
        "{screen}"
    );
    // Inner whitespace is reported with its position.
    let mut app = fixtures::keys_empty();
    typed(&mut app, "pk-lf-ab cd");
    assert!(render(&app, 120, 32).contains("space or line break at character 9"));
}

#[test]
fn every_paste_shape_is_recognised() {
    use langfuse_otel::tui::screens::keys::keys_in_paste;
    let both = |text: &str| {
        let (public, secret) = keys_in_paste(text);
        let public = langfuse_otel::core::keys::parse_public_key(&public.expect(text))
            .unwrap()
            .0;
        let secret = langfuse_otel::core::keys::parse_secret_key(&secret.expect(text))
            .unwrap()
            .0;
        assert_eq!(public.as_str(), PK, "{text}");
        assert_eq!(secret.expose(), SK, "{text}");
    };
    both(&format!(
        "LANGFUSE_PUBLIC_KEY={PK}\nLANGFUSE_SECRET_KEY={SK}\n"
    ));
    both(&format!(
        "# keys\nLANGFUSE_PUBLIC_KEY = \"{PK}\"\r\nLANGFUSE_SECRET_KEY = \"{SK}\"\r\nLANGFUSE_BASE_URL=https://cloud.langfuse.com\n"
    ));
    both(&format!(
        "export LANGFUSE_PUBLIC_KEY='{PK}'\nexport LANGFUSE_SECRET_KEY='{SK}'"
    ));
    both(&format!(
        "{{\"publicKey\": \"{PK}\", \"secretKey\": \"{SK}\", \"host\": \"https://cloud.langfuse.com\"}}"
    ));
    both(&format!("{PK} {SK}"));
    // One key alone, in each form, lands in its own field whatever the focus.
    for text in [
        format!("LANGFUSE_SECRET_KEY = \"{SK}\""),
        format!("export LANGFUSE_SECRET_KEY='{SK}'"),
        format!("LANGFUSE_SECRET_KEY={SK}"),
        format!("\"{SK}\"\n"),
    ] {
        let mut app = fixtures::keys_empty();
        update(&mut app, Msg::Paste(text.clone()));
        assert_eq!(app.keys.secret.value(), SK, "{text}");
        assert!(app.keys.public.is_empty(), "{text}");
        let screen = render(&app, 80, 24);
        assert!(!screen.contains(&SK[6..]), "{text}:\n{screen}");
    }
}

#[test]
fn an_unavailable_keyring_needs_a_choice_and_the_choice_comes_first() {
    let mut app = fixtures::output_locked();
    assert_eq!(
        app.output.keyring,
        KeyringStatus::Unavailable(StoreError::Locked)
    );
    // The choices have the focus, before the path field: `n` acts on them, it does not type.
    assert_eq!(app.output.focus, OutputFocus::KeyringChoice(0));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("› Retry the keyring"), "{screen}");
    assert!(screen.contains("Fix: unlock the keyring"), "{screen}");
    assert!(
        !screen.contains("--no-keyring"),
        "no CLI flags on a screen:\n{screen}"
    );
    // Enter on the first choice retries.
    assert_eq!(names(&update(&mut app, key(KeyCode::Enter))), ["keyring"]);
    fixtures::keyring_checked(&mut app, Err(StoreError::Locked));
    assert_eq!(app.output.focus, OutputFocus::KeyringChoice(0));
    // `r` retries too.
    assert_eq!(
        names(&update(&mut app, key(KeyCode::Char('r')))),
        ["keyring"]
    );
    fixtures::keyring_checked(&mut app, Err(StoreError::Locked));
    let path_before = app.output.path.value().to_string();
    // Keep the secret only in the .env: an explicit choice, and the path field is untouched.
    update(&mut app, key(KeyCode::Char('n')));
    assert_eq!(app.output.path.value(), path_before);
    assert_eq!(app.output.focus, OutputFocus::Write);
    let effects = update(&mut app, key(KeyCode::Enter));
    let [Effect::Write { job, .. }] = effects.as_slice() else {
        panic!("expected a write");
    };
    assert!(!job.store_in_keyring);
    assert_eq!(job.record, Some(SecretLocation::EnvFile));
    // With no Secret Service, the cause is said in one line, in words.
    let mut app = fixtures::tested(true);
    update(&mut app, key(KeyCode::Enter));
    fixtures::keyring_checked(
        &mut app,
        Err(StoreError::Unavailable(
            "SS error: result not returned from SS API".into(),
        )),
    );
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("no Secret Service on this session's D-Bus"),
        "{screen}"
    );
    assert!(!screen.contains("SS error"), "{screen}");
}

/// With no Secret Service, the kernel keyring is a third choice, named with how long it keeps the
/// key; `k` (or Enter on it) takes it, the write stores the secret there and the profile says so;
/// retrying the Secret Service undoes the choice.
#[test]
fn the_kernel_keyring_is_offered_where_the_secret_service_is_not() {
    let mut app = fixtures::output_locked();
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("kernel keyring: in memory, until reboot or logout"),
        "{screen}"
    );
    // Enter on the third choice.
    update(&mut app, key(KeyCode::Down));
    update(&mut app, key(KeyCode::Down));
    assert_eq!(app.output.focus, OutputFocus::KeyringChoice(2));
    update(&mut app, key(KeyCode::Enter));
    assert!(app.output.use_kernel_keyring);
    let screen = render(&app, 200, 40);
    assert!(
        screen.contains("the secret goes to the kernel keyring"),
        "{screen}"
    );
    let effects = update(&mut app, key(KeyCode::Enter));
    let [Effect::Write { job, .. }] = effects.as_slice() else {
        panic!("expected a write");
    };
    assert!(job.store_in_keyring);
    assert_eq!(job.record, Some(SecretLocation::KernelKeyring));
    // `k` chooses it too; `r` (retry the Secret Service) undoes it.
    let mut app = fixtures::output_locked();
    update(&mut app, key(KeyCode::Char('k')));
    assert!(app.output.use_kernel_keyring);
    for _ in 0..10 {
        if app.output.focus == OutputFocus::Keyring {
            break;
        }
        update(&mut app, key(KeyCode::Tab));
    }
    assert_eq!(app.output.focus, OutputFocus::Keyring);
    update(&mut app, key(KeyCode::Char('r')));
    fixtures::keyring_checked(&mut app, Err(StoreError::Locked));
    assert!(!app.output.use_kernel_keyring);
    assert_eq!(app.output.focus, OutputFocus::KeyringChoice(0));
}

/// A paste goes into the field being edited, trimmed of the spaces and line break a copy brings
/// along, and nowhere else: into the self-hosted URL only while it is edited (not into the region
/// list), into the .env path only when it has the focus (and the new path is then read and asked
/// about, as typing it would).
#[test]
fn a_paste_lands_only_in_the_field_being_edited() {
    let mut app = fixtures::app();
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Region);
    assert!(update(&mut app, Msg::Paste("https://elsewhere.example.com".into())).is_empty());
    assert_eq!(app.url.value(), "", "pasted into the region list");
    update(&mut app, key(KeyCode::Up));
    update(&mut app, key(KeyCode::Enter));
    update(
        &mut app,
        Msg::Paste("  https://langfuse.example.com \n".into()),
    );
    assert_eq!(app.url.value(), "https://langfuse.example.com");

    let mut app = fixtures::output();
    let before = app.output.path.value().to_string();
    app.output.focus = OutputFocus::Gitignore;
    assert!(update(&mut app, Msg::Paste("/srv/app/.env".into())).is_empty());
    assert_eq!(app.output.path.value(), before);
    app.output.focus = OutputFocus::Path;
    for _ in 0..before.chars().count() {
        update(&mut app, key(KeyCode::Backspace));
    }
    let effects = update(&mut app, Msg::Paste(" /srv/app/.env\n".into()));
    assert_eq!(app.output.path.value(), "/srv/app/.env");
    assert_eq!(names(&effects), ["read", "git"]);
}

/// git's answer about the .env comes back by request id: after the path changed, the answer for
/// the old path is dropped, and the new path's answer is the one shown.
#[test]
fn a_git_answer_for_a_path_since_changed_is_dropped() {
    use langfuse_otel::apply::GitExposure;
    let mut app = fixtures::output();
    let stale = app.output.git_request.expect("the screen asked git");
    app.output.focus = OutputFocus::Path;
    let effects = update(&mut app, key(KeyCode::Char('x')));
    assert_eq!(names(&effects), ["read", "git"]);
    let [_, Effect::CheckGit { id: current, paths }] = effects.as_slice() else {
        panic!("expected a git check");
    };
    assert_ne!(*current, stale);
    assert_eq!(paths, &[PathBuf::from("/home/ada/app/.envx")]);
    let exposed = |file: &str| GitExposure {
        file: PathBuf::from(file),
        tracked: Vec::new(),
        unknown: None,
        unignored: vec![PathBuf::from(file)],
    };
    update(
        &mut app,
        Msg::GitChecked {
            id: stale,
            exposures: vec![exposed("/home/ada/app/.env")],
        },
    );
    assert_eq!(app.output.git, None, "the old path's answer is dropped");
    assert!(!render(&app, 80, 24).contains("git would commit"));
    update(
        &mut app,
        Msg::GitChecked {
            id: *current,
            exposures: vec![exposed("/home/ada/app/.envx")],
        },
    );
    let screen = render(&app, 80, 24);
    assert!(screen.contains("git would commit .envx"), "{screen}");
    assert!(screen.contains("add /.envx to .gitignore"), "{screen}");
}

/// The offer is taken by default and goes with the write; Space declines it; a file git already
/// tracks is named with the command that helps, and no .gitignore line is offered for it.
#[test]
fn the_gitignore_offer_rides_with_the_write_and_can_be_declined() {
    use langfuse_otel::apply::GitExposure;
    let write_job = |app: &mut App| {
        let effects = update(app, key(KeyCode::Enter));
        let [Effect::Write { job, .. }] = effects.as_slice() else {
            panic!("expected a write");
        };
        job.gitignore
    };
    let mut app = fixtures::output_git();
    assert!(write_job(&mut app), "accepted by default");

    let mut app = fixtures::output_git();
    while app.output.focus != OutputFocus::Gitignore {
        update(&mut app, key(KeyCode::Tab));
    }
    assert!(render(&app, 60, 18).contains("› Git"));
    update(&mut app, key(KeyCode::Char(' ')));
    assert!(render(&app, 80, 24).contains("[ ] add /.env and /.env.bak to .gitignore"));
    assert!(!write_job(&mut app), "declined");

    // Nothing to ignore: no offer, and the write adds no line.
    let mut app = fixtures::output();
    let id = app.output.git_request.unwrap();
    let file = PathBuf::from("/home/ada/app/.env");
    update(
        &mut app,
        Msg::GitChecked {
            id,
            exposures: vec![GitExposure {
                file: file.clone(),
                tracked: vec![file],
                unknown: None,
                unignored: Vec::new(),
            }],
        },
    );
    let screen = render(&app, 120, 32);
    assert!(screen.contains("git tracks /home/ada/app/.env"), "{screen}");
    assert!(screen.contains("git rm --cached"), "{screen}");
    assert!(!screen.contains(".gitignore"), "{screen}");
    assert!(!write_job(&mut app));
}

#[test]
fn a_failed_write_stays_on_the_screen_with_the_reason() {
    let mut app = fixtures::output();
    update(&mut app, key(KeyCode::Enter));
    assert!(app.output.writing);
    let id = app.output.write_request.unwrap();
    update(
        &mut app,
        Msg::Written {
            id,
            result: Err("cannot write .env: permission denied".into()),
        },
    );
    assert_eq!(app.screen, Screen::Output);
    assert!(render(&app, 100, 30).contains("permission denied"));
}

#[test]
fn rotate_and_export_start_from_a_profile() {
    let mut app = fixtures::start();
    update(&mut app, key(KeyCode::Down)); // rotate `default`
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Keys);
    assert!(matches!(app.flow, Flow::Rotate(_)));
    typed(&mut app, "pk-lf-new");
    update(&mut app, key(KeyCode::Tab));
    typed(&mut app, "sk-lf-new");
    let effects = update(&mut app, key(KeyCode::Enter));
    let [Effect::Test { target, .. }] = effects.as_slice() else {
        panic!("expected a test");
    };
    assert_eq!(target.host, Region::Eu.host(), "the profile's host");
    update(&mut app, key(KeyCode::Esc));
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.screen, Screen::Start, "Esc goes back to the start");

    let mut app = fixtures::start();
    update(&mut app, key(KeyCode::Down));
    update(&mut app, key(KeyCode::Down)); // export `default`
    let effects = update(&mut app, key(KeyCode::Enter));
    assert_eq!(names(&effects), ["secret"]);
    let id = app.secret_request.unwrap();
    let effects = update(
        &mut app,
        Msg::SecretLoaded {
            id,
            result: Ok(langfuse_otel::core::keys::parse_secret_key(SK).unwrap().0),
        },
    );
    // An export tests the profile's keys first (skippable).
    assert_eq!(app.screen, Screen::Test);
    assert_eq!(names(&effects), ["test"]);
    let effects = update(&mut app, key(KeyCode::Char('s')));
    assert_eq!(app.screen, Screen::Output);
    assert_eq!(names(&effects), ["read", "git"]);
    let effects = update(&mut app, key(KeyCode::Enter));
    let [Effect::Write { job, .. }] = effects.as_slice() else {
        panic!("expected a write");
    };
    assert!(!job.tested, "skipped: recorded as untested");
}

#[test]
fn ctrl_c_and_signals_quit_with_their_codes() {
    let mut app = fixtures::keys();
    update(&mut app, ctrl('c'));
    assert!(app.quit);
    assert_eq!(app.interrupted, Some(130));
    let mut app = fixtures::testing();
    update(&mut app, Msg::Terminate(143));
    assert_eq!(app.interrupted, Some(143));
    // The spinner moves with time.
    let mut app = fixtures::testing();
    let a = render(&app, 80, 24);
    update(&mut app, Msg::Tick(Duration::from_millis(500)));
    assert_ne!(a, render(&app, 80, 24));
}

#[test]
fn the_readme_screenshots_are_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // README.md shows English pictures (`assets/`), README.zh-CN.md Chinese ones (`assets/zh-CN/`).
    for (readme, folder, lang) in [
        ("README.md", "assets/", Lang::En),
        ("README.zh-CN.md", "assets/zh-CN/", Lang::ZhCn),
    ] {
        let dir = root.join(folder);
        // Every screenshot the README shows is one of the gallery's, and is checked below.
        let text = std::fs::read_to_string(root.join(readme)).unwrap();
        let shown: Vec<&str> = text
            .split(folder)
            .skip(1)
            .filter_map(|rest| rest.split_once(".svg").map(|(name, _)| name))
            .collect();
        assert!(!shown.is_empty(), "{readme} shows screenshots");
        i18n::with_language(lang, || {
            let gallery = fixtures::gallery();
            for name in &shown {
                assert!(
                    gallery.iter().any(|(n, _)| n == name),
                    "{readme} shows {folder}{name}.svg, which no gallery screen draws"
                );
            }
            for (name, mut app) in gallery {
                let path = dir.join(format!("{name}.svg"));
                if !shown.contains(&name) && !path.exists() {
                    continue;
                }
                app.context.no_color = false;
                let current = screenshot::svg(&app, 100, 30);
                assert_eq!(
                    std::fs::read_to_string(&path).unwrap(),
                    current,
                    "{folder}{name}.svg is out of date: run `cargo run --example screenshots`"
                );
                assert_masked(&format!("{folder}{name}.svg"), &current);
            }
        });
    }
}

#[test]
fn no_color_means_no_colour_and_every_status_still_has_a_symbol() {
    use ratatui::style::Color;
    let colours = |app: &App| {
        let mut terminal = Terminal::new(TestBackend::new(120, 32)).unwrap();
        terminal.draw(|frame| view::draw(frame, app)).unwrap();
        terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .filter(|cell| cell.fg != Color::Reset)
            .count()
    };
    let mut app = fixtures::tested(false);
    app.context.no_color = true;
    assert_eq!(colours(&app), 0, "NO_COLOR: not one coloured cell");
    let screen = render(&app, 120, 32);
    assert!(screen.contains("✓ server") && screen.contains("✗ keys"));
    app.context.no_color = false;
    assert!(colours(&app) > 0, "colour is used when allowed");
}

/// The race from issue 16: a test is started, the user leaves with Esc, changes the secret to a
/// wrong one and starts again; the first run's success must never be shown for the new keys, and
/// the write must not be offered as proven.
#[test]
fn a_result_for_inputs_no_longer_current_is_dropped() {
    let mut app = fixtures::testing();
    let first = app.test.request.unwrap();
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.screen, Screen::Keys);
    // The old run answers while the user is on the keys screen: dropped.
    update(
        &mut app,
        Msg::Tested {
            id: first,
            report: Box::new(fixtures::report(true)),
            hint: None,
        },
    );
    assert!(app.proof.is_none() && app.test.report.is_none());
    // A wrong secret, and a new test.
    update(&mut app, key(KeyCode::Backspace));
    typed(&mut app, "0");
    let effects = update(&mut app, key(KeyCode::Enter));
    assert_eq!(names(&effects), ["test"]);
    let second = app.test.request.unwrap();
    assert_ne!(first, second);
    // The first run's success arrives late: still dropped.
    update(
        &mut app,
        Msg::Tested {
            id: first,
            report: Box::new(fixtures::report(true)),
            hint: None,
        },
    );
    assert_eq!(app.test.phase, TestPhase::Testing);
    assert!(!render(&app, 80, 24).contains("Proven"));
    // The current run's answer is the one shown.
    update(
        &mut app,
        Msg::Tested {
            id: second,
            report: Box::new(fixtures::report(false)),
            hint: None,
        },
    );
    assert!(!app.proven());
    assert!(render(&app, 80, 24).contains("The test failed"));
}

#[test]
fn a_proof_holds_only_for_the_inputs_it_tested() {
    let mut app = fixtures::tested(true);
    assert!(app.proven());
    let screen = render(&app, 80, 24);
    // The time is the run's own (the fixture's report took 53 ms), not the screen's clock.
    assert!(screen.contains("Proven in 0.05 s"), "{screen}");
    // Back to the keys, one character of the secret changed: no longer proven.
    update(&mut app, key(KeyCode::Esc));
    update(&mut app, key(KeyCode::Backspace));
    assert!(!app.proven());
    typed(&mut app, &SK[SK.len() - 1..]);
    assert!(app.proven(), "the same inputs again are the ones proven");
    // A family toggled on the output screen: the write tests first.
    let mut app = fixtures::output();
    update(&mut app, key(KeyCode::Tab));
    update(&mut app, key(KeyCode::Tab));
    update(&mut app, key(KeyCode::Char(' ')));
    assert!(!app.proven());
    assert!(render(&app, 80, 24).contains("not tested"));
    let effects = update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        names(&effects),
        ["test"],
        "Enter tests the new variables first"
    );
    assert_eq!(app.screen, Screen::Test);
    // Once proven, the write carries the proof.
    let id = app.test.request.unwrap();
    update(
        &mut app,
        Msg::Tested {
            id,
            report: Box::new(fixtures::report(true)),
            hint: None,
        },
    );
    update(&mut app, key(KeyCode::Enter));
    fixtures::keyring_checked(&mut app, Ok(()));
    let effects = update(&mut app, key(KeyCode::Enter));
    let [Effect::Write { job, .. }] = effects.as_slice() else {
        panic!("expected a write");
    };
    assert!(job.tested);
    assert_eq!(job.families.len(), 3);
}

#[test]
fn stale_answers_of_every_other_effect_are_dropped() {
    // A read of a path since edited does not become the preview of the new one.
    let mut app = fixtures::output();
    update(&mut app, key(KeyCode::Char('x')));
    let stale = app.output.read_request.unwrap();
    update(&mut app, key(KeyCode::Backspace));
    assert_ne!(app.output.read_request, Some(stale));
    update(
        &mut app,
        Msg::EnvRead {
            id: stale,
            path: PathBuf::from(".envx"),
            result: Ok(Some("STALE=1\n".into())),
            mode: None,
        },
    );
    assert!(app.output.existing.is_none());
    // A keyring answer for an earlier check does not decide the current one.
    let mut app = fixtures::output_locked();
    update(&mut app, key(KeyCode::Char('r')));
    let current = app.output.keyring_request.unwrap();
    update(
        &mut app,
        Msg::KeyringChecked {
            id: current - 1,
            result: Ok(()),
        },
    );
    assert_eq!(app.output.keyring, KeyringStatus::Checking);
    // A diagnosis the user left is not shown when they come back.
    let mut app = fixtures::diagnose();
    update(&mut app, key(KeyCode::Esc));
    update(
        &mut app,
        Msg::Diagnosed {
            id: 1,
            result: Err("stale".into()),
        },
    );
    assert!(!matches!(app.diagnose, Some(Err(_))));
}

/// Where Esc leads from every screen, in every flow (a wrong target is a trap for the user).
#[test]
fn esc_goes_back_one_step_from_every_screen() {
    let cases: Vec<(&str, App, Screen)> = vec![
        ("start", fixtures::start(), Screen::Start),
        (
            "region",
            {
                let mut app = fixtures::app();
                update(&mut app, key(KeyCode::Enter));
                app
            },
            Screen::Start,
        ),
        ("keys", fixtures::keys(), Screen::Region),
        ("testing", fixtures::testing(), Screen::Keys),
        ("test-ok", fixtures::tested(true), Screen::Keys),
        ("test-failed", fixtures::tested(false), Screen::Keys),
        ("output", fixtures::output(), Screen::Test),
        ("diagnose", fixtures::diagnose(), Screen::Start),
        ("explain", fixtures::explain(), Screen::Start),
        (
            // Export writes a profile's .env: it has no test step to go back to.
            "export-output",
            {
                let mut app = fixtures::start();
                app.start_choice = app
                    .start_options()
                    .iter()
                    .position(|o| matches!(o, StartOption::Export(_)))
                    .expect("the fixture has a profile to export");
                update(&mut app, key(KeyCode::Enter));
                assert_eq!(app.screen, Screen::Output);
                app
            },
            Screen::Start,
        ),
    ];
    for (name, mut app, back) in cases {
        update(&mut app, key(KeyCode::Esc));
        if name == "start" {
            assert!(app.quit, "Esc on the start screen leaves");
            continue;
        }
        assert_eq!(app.screen, back, "Esc on {name}");
        assert!(!app.quit, "Esc on {name} must not quit");
    }
    // The URL field: Esc leaves the field, not the screen.
    let mut app = fixtures::region();
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.screen, Screen::Region);
    assert!(!app.editing_url);
    // Rotate: keys go back to the start (a rotation has no region step).
    let mut app = fixtures::start();
    update(&mut app, key(KeyCode::Down));
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Keys);
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.screen, Screen::Start);
}

#[test]
fn explain_screen_reads_a_pasted_line_hides_credentials_and_drops_stale_findings() {
    let mut app = fixtures::explain();
    assert_eq!(app.screen, Screen::Explain);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("line 2, TRACELOOP_HEADERS"), "{screen}");

    // A new paste clears the answer; a findings result for the old request is dropped.
    let old = app.explain.request;
    assert!(old.is_none(), "the findings arrived");
    update(&mut app, ctrl('u'));
    let credential = langfuse_otel::core::credential::BasicCredential::new(
        &langfuse_otel::core::keys::parse_key_pair(PK, SK).unwrap().0,
    );
    update(
        &mut app,
        Msg::Paste(format!(
            "traces export: failed to send to https://cloud.langfuse.com/v1/traces: 404 Not Found (request header Authorization: Basic {})",
            credential.base64()
        )),
    );
    let effects = update(&mut app, key(KeyCode::Enter));
    assert_eq!(names(&effects), ["explain-env"]);
    let pending = app.explain.request.unwrap();
    let screen = render(&app, 80, 24);
    assert!(!screen.contains(credential.base64()), "{screen}");
    assert!(screen.contains("404"), "{screen}");
    update(
        &mut app,
        Msg::ExplainFindings {
            id: pending + 100,
            result: Err("stale".into()),
        },
    );
    assert!(
        app.explain.findings.is_none(),
        "a result for another request was taken"
    );
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.screen, Screen::Start);
}

/// Diagnose keeps each finding's severity (an error is never shown as ok or as a warning), with
/// its own symbol and word, and shows the repair as a diff with the secret hidden. Judged on a real
/// broken .env through the real checkup.
#[test]
fn diagnose_keeps_every_severity_and_shows_the_repair() {
    use base64::Engine as _;
    use langfuse_otel::checkup;
    use langfuse_otel::tui::app::Standing;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{PK}:{SK}"));
    // A raw space in the header list: the strict parser drops the header (an error, repairable).
    let text = format!(
        "TRACELOOP_BASE_URL=https://cloud.langfuse.com/api/public/otel\nTRACELOOP_HEADERS=Authorization=Basic {basic}\n"
    );
    let examined = checkup::examine_text(
        ".env".into(),
        &text,
        Default::default(),
        &langfuse_otel::core::effective::Environment::from_vars(std::iter::empty()),
    );
    let lines = langfuse_otel::tui::screens::diagnose::lines(&examined, &[], &text);
    let errors: Vec<_> = lines
        .iter()
        .filter(|l| l.standing == Standing::Error)
        .collect();
    assert!(
        !errors.is_empty(),
        "the dropped header is an error: {lines:?}"
    );
    assert!(
        errors.iter().any(|l| !l.repair.is_empty()),
        "the error's repair is offered: {lines:?}"
    );
    for line in &lines {
        for change in &line.repair {
            assert!(!change.contains(&basic) && !change.contains(SK), "{change}");
        }
    }
    let mut app = fixtures::start();
    app.diagnose = Some(Ok(lines));
    app.screen = Screen::Diagnose;
    let screen = render(&app, 120, 40);
    assert!(screen.contains("✗ error"), "{screen}");
    assert!(!screen.contains("✓ ok      traceloop"), "{screen}");
    for form in secret_forms() {
        assert!(!screen.contains(&form), "{screen}");
    }
    // The symbols and words differ by severity.
    let symbols: Vec<_> = [Standing::Error, Standing::Warning, Standing::Ok]
        .iter()
        .map(|s| (s.symbol(), s.word()))
        .collect();
    assert_eq!(
        symbols,
        [("✗", "error"), ("!", "warning"), ("✓", "ok")],
        "distinct marks"
    );
    // In colour, each severity has its own.
    let fixture = fixtures::diagnose();
    let mut coloured = fixture;
    coloured.context.no_color = false;
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| view::draw(frame, &coloured)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let colour_of = |needle: &str| {
        let rendered = terminal.backend().to_string();
        let row = rendered
            .lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not on screen"));
        let x = rendered.lines().nth(row).unwrap().find(needle).unwrap();
        let x = rendered.lines().nth(row).unwrap()[..x].chars().count() as u16 - 1;
        buffer[(x + 2, row as u16)].fg
    };
    let (error, warning, ok) = (
        colour_of("error   "),
        colour_of("warning "),
        colour_of("ok      "),
    );
    assert!(
        error != warning && warning != ok && error != ok,
        "{error:?} {warning:?} {ok:?}"
    );
}

/// `f` on Diagnose applies the repairs on screen (as an effect naming them, so the effect can
/// refuse a file that no longer gives them); a late answer for a repair the user left is dropped;
/// after a repair the file is tested again, and the screen says what was written.
#[test]
fn diagnose_applies_the_repairs_shown_and_tests_again() {
    let mut app = fixtures::diagnose();
    let shown: Vec<String> = match &app.diagnose {
        Some(Ok(lines)) => lines.iter().flat_map(|l| l.repair.clone()).collect(),
        _ => panic!("the fixture has a diagnosis"),
    };
    assert!(!shown.is_empty());
    let effects = update(&mut app, key(KeyCode::Char('f')));
    let id = match effects.as_slice() {
        [
            Effect::Repair {
                id,
                path,
                shown: asked,
            },
        ] => {
            assert_eq!(asked, &shown);
            assert_eq!(Some(path), app.diagnose_path.as_ref());
            *id
        }
        _ => panic!("f did not ask for the repair"),
    };
    // A second f while it runs asks for nothing.
    assert!(update(&mut app, key(KeyCode::Char('f'))).is_empty());
    assert!(render(&app, 80, 24).contains("repairing"));
    // An answer for another request changes nothing.
    assert!(
        update(
            &mut app,
            Msg::Repaired {
                id: id + 1,
                result: Ok(vec!["stale".into()]),
            },
        )
        .is_empty()
    );
    assert!(app.repaired.is_none());
    let effects = update(
        &mut app,
        Msg::Repaired {
            id,
            result: Ok(vec!["repaired TRACELOOP_HEADERS".into()]),
        },
    );
    assert!(
        matches!(effects.as_slice(), [Effect::Diagnose { id: again, .. }] if *again != id),
        "tested again"
    );
    let screen = render(&app, 80, 24);
    assert!(screen.contains("✓ repaired TRACELOOP_HEADERS"), "{screen}");
    // A refused repair is said, and the file is not tested again (nothing changed).
    let mut app = fixtures::diagnose();
    let effects = update(&mut app, key(KeyCode::Char('f')));
    let [Effect::Repair { id, .. }] = effects.as_slice() else {
        panic!("f did not ask for the repair");
    };
    let id = *id;
    assert!(
        update(
            &mut app,
            Msg::Repaired {
                id,
                result: Err(".env changed since it was tested".into()),
            },
        )
        .is_empty()
    );
    assert!(render(&app, 80, 24).contains("✗ .env changed since it was tested"));
    // Leaving drops a repair still running: its answer does not land on a later visit.
    let mut app = fixtures::diagnose();
    update(&mut app, key(KeyCode::Char('f')));
    update(&mut app, key(KeyCode::Esc));
    assert!(app.repair_request.is_none());
}

#[test]
fn flags_fill_the_wizard_and_a_node_project_gets_the_node_families() {
    let app = fixtures::start_prefilled();
    // Node project: otel + langfuse preselected.
    assert_eq!(app.output.families, [Family::Otel, Family::Langfuse]);
    assert_eq!(app.keys.public.value(), PK);
    assert_eq!(app.url.value(), "https://langfuse.example.com");
    assert_eq!(app.output.path.value(), "web/.env");
    assert_eq!(
        app.host_pick(),
        langfuse_otel::core::host::HostPick::SelfHosted
    );
    let screen = render(&app, 80, 24);
    assert!(screen.contains("From the command line: host"), "{screen}");
    // --vars wins over the Node default.
    let mut context = fixtures::context();
    context.node_project = true;
    let mut app = langfuse_otel::tui::app::App::new(context);
    app.prefill(langfuse_otel::tui::app::Prefill {
        families: Some(vec![Family::Traceloop]),
        host_pick: Some(langfuse_otel::core::host::HostPick::Region(
            langfuse_otel::core::host::Region::Us,
        )),
        ..Default::default()
    });
    assert_eq!(app.output.families, [Family::Traceloop]);
    assert_eq!(
        app.host_pick(),
        langfuse_otel::core::host::HostPick::Region(langfuse_otel::core::host::Region::Us)
    );
    let done = render(&fixtures::done_node(), 80, 24);
    assert!(done.contains("node --env-file=.env"), "{done}");
    assert!(!done.contains("load_dotenv"), "{done}");
}

/// Each answer a flag gives makes the wizard say so on the start screen ("From the command line:
/// ..."); no flag at all is an empty prefill (and `setup` without a terminal then shows its help).
/// `--allow-http` is the confirmation plain http to another machine otherwise needs on the region
/// screen.
#[test]
fn each_flag_given_is_said_on_the_start_screen_and_allow_http_confirms_plain_http() {
    use langfuse_otel::core::host::HostPick;
    use langfuse_otel::tui::app::Prefill;
    assert!(Prefill::default().is_empty());
    let flags: [(Prefill, &str); 7] = [
        (
            Prefill {
                host_pick: Some(HostPick::Detect),
                ..Default::default()
            },
            "region: detect",
        ),
        (
            Prefill {
                host_pick: Some(HostPick::Region(Region::Us)),
                ..Default::default()
            },
            "region US (Langfuse Cloud)",
        ),
        (
            Prefill {
                url: Some("https://langfuse.example.com".into()),
                host_pick: Some(HostPick::Detect),
                ..Default::default()
            },
            "host https://langfuse.example.com",
        ),
        (
            Prefill {
                public_key: Some(PK.into()),
                ..Default::default()
            },
            "public key pk-lf-",
        ),
        (
            Prefill {
                families: Some(vec![Family::Traceloop]),
                ..Default::default()
            },
            "families traceloop",
        ),
        (
            Prefill {
                env_file: Some(PathBuf::from("web/.env")),
                ..Default::default()
            },
            "file web/.env",
        ),
        (
            Prefill {
                no_keyring: true,
                ..Default::default()
            },
            "no keyring",
        ),
    ];
    for (prefill, said) in flags {
        assert!(!prefill.is_empty(), "{prefill:?}");
        let mut app = App::new(fixtures::context());
        app.prefill(prefill.clone());
        let screen = render(&app, 120, 30);
        assert!(
            screen.contains(&format!("From the command line: {said}")),
            "{prefill:?}:\n{screen}"
        );
    }
    assert!(
        !Prefill {
            allow_http: true,
            ..Default::default()
        }
        .is_empty()
    );

    for (allow_http, next) in [(false, Screen::Region), (true, Screen::Keys)] {
        let mut app = App::new(fixtures::context());
        app.prefill(Prefill {
            url: Some("http://langfuse.internal:3000".into()),
            allow_http,
            ..Default::default()
        });
        update(&mut app, key(KeyCode::Enter));
        assert_eq!(app.screen, Screen::Region);
        update(&mut app, key(KeyCode::Enter));
        assert_eq!(app.screen, next, "--allow-http given: {allow_http}");
    }
}

/// A terminal that reports key releases too (Windows, the kitty keyboard protocol) sends each key
/// twice, pressed and released: each acts once. Typed into the public key field, "pk" is "pk";
/// Enter moves one screen.
#[test]
fn key_releases_do_nothing_so_each_key_acts_once() {
    use ratatui::crossterm::event::{KeyEvent, KeyEventKind, KeyModifiers};
    let press_and_release = |app: &mut App, code: KeyCode| {
        for kind in [KeyEventKind::Press, KeyEventKind::Release] {
            update(
                app,
                Msg::Key(KeyEvent::new_with_kind(code, KeyModifiers::NONE, kind)),
            );
        }
    };
    let mut app = fixtures::app();
    press_and_release(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Region);
    press_and_release(&mut app, KeyCode::Down);
    press_and_release(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Keys);
    for c in "pk".chars() {
        press_and_release(&mut app, KeyCode::Char(c));
    }
    assert_eq!(app.keys.public.value(), "pk");
}

/// Diagnose: ↑↓ move among the lines of a diagnosis (wrapping round), and do nothing, without
/// failing, while it is still being made; q leaves the wizard.
#[test]
fn diagnose_moves_among_its_lines_only_once_there_are_some_and_q_quits() {
    let mut app = fixtures::start();
    app.start_choice = app
        .start_options()
        .iter()
        .position(|o| matches!(o, StartOption::Diagnose(_)))
        .unwrap();
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.screen, Screen::Diagnose);
    assert!(app.diagnose.is_none(), "still being made");
    for code in [KeyCode::Down, KeyCode::Up] {
        assert!(update(&mut app, key(code)).is_empty());
    }
    assert_eq!(app.diagnose_choice, 0);

    let mut app = fixtures::diagnose();
    assert_eq!(app.diagnose_choice, 0);
    update(&mut app, key(KeyCode::Down));
    assert_eq!(app.diagnose_choice, 1);
    update(&mut app, key(KeyCode::Up));
    update(&mut app, key(KeyCode::Up));
    assert_eq!(
        app.diagnose_choice, 2,
        "Up from the first line wraps to the last"
    );
    assert!(!app.quit);
    update(&mut app, key(KeyCode::Char('q')));
    assert!(app.quit);
}

/// Done: r runs the arrival check again once it has an answer or was skipped, but not while it
/// runs (that would restart its clock and drop the answer on its way).
#[test]
fn the_arrival_check_is_run_again_only_when_it_is_not_running() {
    let mut app = fixtures::done_arriving();
    let running = app.arrival.request;
    let started = app.arrival.started;
    assert!(update(&mut app, key(KeyCode::Char('r'))).is_empty());
    assert_eq!(
        (app.arrival.request, app.arrival.started),
        (running, started)
    );
    let mut app = fixtures::done_arrived(true);
    assert!(app.arrival.request.is_none());
    let effects = update(&mut app, key(KeyCode::Char('r')));
    assert_eq!(effects.len(), 1);
    assert!(app.arrival.request.is_some());
    assert!(app.arrival.result.is_none());
}

/// Explain takes at most `MAX_INPUT` bytes, however much is pasted and in however many pastes,
/// cut at a character (a two-byte one here), with the log's controls read as spaces.
#[test]
fn explain_takes_no_more_than_its_limit_from_pastes() {
    use langfuse_otel::core::explain::MAX_INPUT;
    let mut app = fixtures::explain();
    let first = app.explain.input.value().len();
    assert!(first > 0 && first < MAX_INPUT);
    update(&mut app, Msg::Paste("é\tx".repeat(MAX_INPUT / 4)));
    let value = app.explain.input.value().to_string();
    assert!(value.len() <= MAX_INPUT, "{} bytes taken", value.len());
    assert!(
        value.len() >= MAX_INPUT - 1,
        "only {} bytes taken",
        value.len()
    );
    assert!(!value.contains('\t'));
    assert!(value.ends_with('é') || value.ends_with(' ') || value.ends_with('x'));
    update(&mut app, Msg::Paste("more".into()));
    assert_eq!(app.explain.input.value(), value, "nothing more fits");
}

/// On the keys screen a plain r is a letter like any other (only Ctrl-R shows the secret), and
/// Enter on a public key that is not one stays there to be fixed; on a good one it moves on to
/// the secret.
#[test]
fn keys_screen_types_r_and_enter_moves_on_only_from_a_good_public_key() {
    use langfuse_otel::tui::app::KeyField;
    let mut app = fixtures::keys_empty();
    assert_eq!(app.screen, Screen::Keys);
    let reveal = app.keys.reveal;
    typed(&mut app, "pr-lf-1");
    assert_eq!(app.keys.public.value(), "pr-lf-1");
    assert_eq!(app.keys.reveal, reveal);
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        app.keys.focus,
        KeyField::Public,
        "moved on from a bad public key"
    );
    update(&mut app, ctrl('r'));
    assert_eq!(app.keys.reveal, !reveal);
    for _ in 0.."pr-lf-1".len() {
        update(&mut app, key(KeyCode::Backspace));
    }
    typed(&mut app, PK);
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.keys.focus, KeyField::Secret);
}

/// The note after a paste names what was removed: the line break a copy of a whole line brings,
/// or spaces (before or after, no line break among them).
#[test]
fn a_pastes_note_names_the_line_break_or_the_spaces_removed() {
    for (paste, note) in [
        (
            format!("{PK}\n"),
            "removed the line break at the end of the paste",
        ),
        (format!("{PK}  "), "removed spaces around the paste"),
        (format!("  {PK}"), "removed spaces around the paste"),
    ] {
        let mut app = fixtures::keys_empty();
        update(&mut app, Msg::Paste(paste.clone()));
        assert_eq!(app.keys.public.value(), PK);
        assert_eq!(app.keys.notes, [note], "{paste:?}");
    }
}

/// On the output screen, r, n and k are letters in the text fields (the path, the profile name);
/// only on the keyring line or its choices do they act. Up goes back through the fields as Down
/// goes forward, round from the first to the last.
#[test]
fn output_letters_are_typed_into_its_fields_and_up_goes_back() {
    let mut app = fixtures::output_git();
    let (ignore, keyring) = (app.output.ignore_in_git, app.output.use_keyring);
    app.output.focus = OutputFocus::Path;
    let path = app.output.path.value().to_string();
    let mut effects = Vec::new();
    for c in "rn k".chars() {
        effects.extend(update(&mut app, key(KeyCode::Char(c))));
    }
    assert_eq!(app.output.path.value(), format!("{path}rn k"));
    assert!(
        !names(&effects).contains(&"keyring"),
        "{:?}",
        names(&effects)
    );
    app.output.focus = OutputFocus::Profile;
    let profile = app.output.profile.value().to_string();
    for c in "rn k".chars() {
        assert!(update(&mut app, key(KeyCode::Char(c))).is_empty());
    }
    assert_eq!(app.output.profile.value(), format!("{profile}rn k"));
    assert_eq!(app.output.keyring, KeyringStatus::Available);
    assert_eq!(
        (app.output.ignore_in_git, app.output.use_keyring),
        (ignore, keyring)
    );
    // Space is a choice only on the lines that offer one.
    app.output.focus = OutputFocus::Gitignore;
    update(&mut app, key(KeyCode::Char(' ')));
    assert_eq!(
        (app.output.ignore_in_git, app.output.use_keyring),
        (!ignore, keyring)
    );
    app.output.focus = OutputFocus::Keyring;
    update(&mut app, key(KeyCode::Char(' ')));
    assert_eq!(
        (app.output.ignore_in_git, app.output.use_keyring),
        (!ignore, !keyring)
    );
    app.output.focus = OutputFocus::Path;
    for _ in " k".chars() {
        update(&mut app, key(KeyCode::Backspace));
    }

    app.output.focus = OutputFocus::Path;
    let mut forward = vec![app.output.focus];
    loop {
        update(&mut app, key(KeyCode::Down));
        if app.output.focus == OutputFocus::Path {
            break;
        }
        forward.push(app.output.focus);
    }
    assert!(forward.len() > 3, "{forward:?}");
    let mut backward = vec![app.output.focus];
    for _ in 1..forward.len() {
        update(&mut app, key(KeyCode::Up));
        backward.push(app.output.focus);
    }
    backward[1..].reverse();
    assert_eq!(backward, forward);
}

/// s skips the live test once it runs, but not the region detection before it: without a
/// detected region there is nothing to write.
#[test]
fn s_skips_the_live_test_but_not_the_detection() {
    let mut app = fixtures::app();
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, Msg::Paste(format!("{PK}\n{SK}")));
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        (app.screen, app.test.phase),
        (Screen::Test, TestPhase::Detecting)
    );
    let detecting = app.test.request;
    assert!(update(&mut app, key(KeyCode::Char('s'))).is_empty());
    assert_eq!(
        (app.screen, app.test.phase),
        (Screen::Test, TestPhase::Detecting)
    );
    assert_eq!(app.test.request, detecting);

    let mut app = fixtures::testing();
    assert_eq!(app.test.phase, TestPhase::Testing);
    update(&mut app, key(KeyCode::Char('s')));
    assert_eq!(app.screen, Screen::Output);
    assert_eq!(app.test.request, None);
}

#[test]
fn the_arrival_check_runs_after_a_proven_write_and_esc_drops_its_answer() {
    use langfuse_otel::core::arrival::{Context, judge};
    let mut app = fixtures::done();
    let first = app
        .arrival
        .request
        .expect("on by default after a proven write");
    // Esc skips: the check's answer, when it comes, is for an old request and is dropped.
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert!(!app.quit, "Esc skips the check, it does not leave");
    assert!(app.arrival.skipped);
    let context = Context {
        sent_v4_header: true,
        server_version: None,
        deadline: Duration::from_secs(60),
    };
    let visible = |after| {
        Box::new(judge(
            "4bf92f3577b34da6a3ce929d0e0e4736".into(),
            Some(Duration::from_millis(after)),
            Duration::from_millis(after),
            1,
            None,
            &context,
        ))
    };
    update(
        &mut app,
        Msg::Arrived {
            id: first,
            arrival: visible(900),
        },
    );
    assert!(
        app.arrival.result.is_none(),
        "a skipped check's answer is dropped"
    );
    // r sends one again, under a new id; only its answer counts.
    assert_eq!(
        names(&update(&mut app, key(KeyCode::Char('r')))),
        ["arrival"]
    );
    let second = app.arrival.request.unwrap();
    assert_ne!(first, second);
    update(
        &mut app,
        Msg::Arrived {
            id: first,
            arrival: visible(900),
        },
    );
    assert!(app.arrival.result.is_none());
    update(
        &mut app,
        Msg::Arrived {
            id: second,
            arrival: visible(1200),
        },
    );
    assert_eq!(
        app.arrival.result.as_ref().unwrap().visible_after_ms,
        Some(1200)
    );
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("visible in Langfuse after 1.2 s"),
        "{screen}"
    );
    // Now Esc (and Enter) leave, with success.
    update(&mut app, key(KeyCode::Esc));
    assert!(app.quit);
    assert_eq!(app.interrupted, None);
}

#[test]
fn an_untested_write_sends_no_test_span() {
    let mut app = fixtures::tested(false);
    // "Continue anyway": writing without a passing test.
    app.untested = app.inputs();
    app.screen = Screen::Output;
    let done = langfuse_otel::tui::app::DoneSummary {
        files: vec![".env: written".into()],
        profile: None,
        secret: None,
        rotated: false,
        node_project: false,
    };
    app.output.write_request = Some(99);
    let effects = update(
        &mut app,
        Msg::Written {
            id: 99,
            result: Ok(done),
        },
    );
    assert!(effects.is_empty());
    assert!(app.arrival.request.is_none());
}

#[test]
fn a_rotated_profiles_proxy_headers_are_loaded_and_go_into_every_header_list() {
    use langfuse_otel::core::credential::ExtraHeader;
    use langfuse_otel::io::profile::ProfileHeader;
    let mut profile = fixtures::profile();
    profile.headers = vec![
        ProfileHeader {
            name: "X-Tenant".into(),
            value: Some("acme".into()),
        },
        ProfileHeader {
            name: "CF-Access-Client-Secret".into(),
            value: None,
        },
    ];
    let mut context = fixtures::context();
    context.profiles = vec![profile];
    let mut app = langfuse_otel::tui::app::App::new(context);
    // Rotate: the headers are asked for at once.
    app.start_choice = 1;
    let effects = update(&mut app, key(KeyCode::Enter));
    assert_eq!(names(&effects), ["headers"]);
    let id = app.headers_request.unwrap();
    let headers = vec![
        ExtraHeader::parse("X-Tenant=acme").unwrap(),
        ExtraHeader::parse("CF-Access-Client-Secret=proxy-secret-123").unwrap(),
    ];
    // An answer for another request is dropped.
    update(
        &mut app,
        Msg::HeadersLoaded {
            id: id + 100,
            result: Ok(vec![ExtraHeader::parse("X-Stale=1").unwrap()]),
        },
    );
    assert!(app.profile_headers.is_empty());
    assert_eq!(
        app.headers_request,
        Some(id),
        "still waiting for its own answer"
    );
    update(
        &mut app,
        Msg::HeadersLoaded {
            id,
            result: Ok(headers.clone()),
        },
    );
    typed(&mut app, PK);
    update(&mut app, key(KeyCode::Tab));
    typed(&mut app, SK);
    let variables = app.variables().unwrap();
    let list = variables
        .iter()
        .find(|v| v.name == "TRACELOOP_HEADERS")
        .unwrap();
    assert!(
        list.expose()
            .ends_with(",X-Tenant=acme,CF-Access-Client-Secret=proxy-secret-123"),
        "{}",
        list.expose()
    );
    assert!(list.shown.ends_with("CF-Access-Client-Secret=<redacted>"));
    // A proof without the headers is no proof with them.
    let with = app.inputs();
    app.profile_headers.clear();
    assert!(app.inputs() != with);
}

/// An effect's answer is worded in the language of the thread that asked for it, also where its
/// work runs on tokio's blocking pool (here: a repair refused because the file changed since it
/// was diagnosed, worded inside the blocking task).
#[test]
fn an_effects_answer_speaks_the_language_it_was_asked_in() {
    use langfuse_otel::io::probe::{ProbeOptions, Prober};
    use langfuse_otel::io::secret_store::SecretStore;
    use langfuse_otel::tui::effects::Effects;

    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join(".env");
    std::fs::write(&path, "TRACELOOP_BASE_URL=https://cloud.langfuse.com\n").unwrap();
    let effects = Effects {
        prober: Prober::new(ProbeOptions::default()).unwrap(),
        store: SecretStore::new(Duration::from_secs(1)),
        regions: Vec::new(),
        profiles: None,
    };
    for lang in Lang::ALL {
        let message = i18n::with_language(lang, || {
            common::runtime().block_on(effects.run(Effect::Repair {
                id: 1,
                path: path.clone(),
                shown: vec!["+ a repair that was never shown".into()],
            }))
        });
        let Msg::Repaired {
            result: Err(error), ..
        } = message
        else {
            panic!("{lang:?}: the repair was not refused");
        };
        let expected = i18n::with_language(lang, || {
            langfuse_otel::tr!("wiz-diagnose-changed", path = path.display())
        });
        assert_eq!(error, expected, "{lang:?}");
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "TRACELOOP_BASE_URL=https://cloud.langfuse.com\n"
    );
}
