//! The terminal edge: raw mode, alternate screen and bracketed paste on entry; restored on every
//! way out (normal, Esc, Ctrl-C, an error, a panic, SIGTERM/SIGHUP/SIGINT). Input is read on its
//! own thread, effects run on tokio, and every message redraws from the state.

use std::io::{self, Write as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use tokio::sync::mpsc;

use super::app::{App, Context, DoneSummary, Msg, update};
use super::effects::Effects;
use super::view;

/// How the wizard ended.
pub enum Ending {
    /// The done screen was reached.
    Done(DoneSummary),
    /// The user left before the end.
    Quit,
    /// Ctrl-C or a signal: the conventional 128 + signal exit code.
    Interrupted(u8),
}

fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

/// Restores the terminal even when the wizard panics, then reports the panic as usual.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore();
    }
}

pub fn run(
    context: Context,
    effects: Effects,
    app_setup: impl FnOnce(&mut App),
) -> io::Result<Ending> {
    install_panic_hook();
    enable_raw_mode()?;
    let _restore = Restore;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let mut app = App::new(context);
    app.size = (size.width, size.height);
    app_setup(&mut app);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let ending = runtime.block_on(async move {
        let (sender, mut receiver) = mpsc::unbounded_channel::<Msg>();
        let stop = Arc::new(AtomicBool::new(false));
        spawn_input(sender.clone(), Arc::clone(&stop));
        spawn_signals(sender.clone());
        let started = Instant::now();
        let ticker = sender.clone();
        tokio::spawn(async move {
            let mut interval = tokio::time::interval(Duration::from_millis(100));
            loop {
                interval.tick().await;
                if ticker.send(Msg::Tick(started.elapsed())).is_err() {
                    break;
                }
            }
        });
        loop {
            terminal.draw(|frame| view::draw(frame, &app))?;
            let Some(msg) = receiver.recv().await else {
                break;
            };
            for effect in update(&mut app, msg) {
                let effects = effects.clone();
                let sender = sender.clone();
                // The answer's words (errors, notes, diagnose rows) are in the wizard's language
                // on whichever worker thread runs the effect.
                let lang = crate::core::i18n::language();
                tokio::spawn(crate::core::i18n::speaking(lang, async move {
                    let _ = sender.send(effects.run(effect).await);
                }));
            }
            if app.quit {
                break;
            }
        }
        stop.store(true, Ordering::Relaxed);
        io::Result::Ok(match (app.interrupted, app.done.take()) {
            (Some(code), _) => Ending::Interrupted(code),
            (None, Some(done)) => Ending::Done(done),
            (None, None) => Ending::Quit,
        })
    })?;
    // Effects still running (a hung keyring call) must not keep the process alive.
    runtime.shutdown_background();
    drop(_restore);
    let _ = io::stdout().flush();
    Ok(ending)
}

fn spawn_input(sender: mpsc::UnboundedSender<Msg>, stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            match event::poll(Duration::from_millis(50)) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(_) => break,
            }
            let msg = match event::read() {
                Ok(Event::Key(key)) => Msg::Key(key),
                Ok(Event::Paste(text)) => Msg::Paste(text),
                Ok(Event::Resize(w, h)) => Msg::Resize(w, h),
                Ok(_) => continue,
                Err(_) => break,
            };
            if sender.send(msg).is_err() {
                break;
            }
        }
    });
}

#[cfg(unix)]
fn spawn_signals(sender: mpsc::UnboundedSender<Msg>) {
    use tokio::signal::unix::{SignalKind, signal};
    for (kind, code) in [
        (SignalKind::terminate(), 143u8),
        (SignalKind::hangup(), 129),
        (SignalKind::interrupt(), 130),
    ] {
        let sender = sender.clone();
        if let Ok(mut stream) = signal(kind) {
            tokio::spawn(async move {
                if stream.recv().await.is_some() {
                    let _ = sender.send(Msg::Terminate(code));
                }
            });
        }
    }
}

#[cfg(not(unix))]
fn spawn_signals(sender: mpsc::UnboundedSender<Msg>) {
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = sender.send(Msg::Terminate(130));
        }
    });
}
