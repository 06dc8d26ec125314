# The commands' human output (src/commands, src/main.rs). JSON output is never translated.
# Ids: `cli-<command>-<what>`. Every id has a translation in locales/zh-CN/cli.ftl.

## --help: clap's own words. English help uses clap's; these are their counterparts, used with
## the Chinese help (src/cli.rs, localize).
help-heading-usage = Usage:
help-heading-options = Options
help-heading-arguments = Arguments
help-heading-commands = Commands
help-flag-help = Print help (see more with '--help')
help-flag-help-long = Print help (see a summary with '-h')
help-flag-version = Print version
help-note-values = [possible values: { $values }]
help-note-default = [default: { $value }]
help-note-env = [env: { $variable }]

## How a run ends (src/exit.rs, src/main.rs)
cli-error = error: { $message }
cli-error-stdout = error: cannot write to standard output: { $error }
cli-warning = warning: { $message }
cli-exit-codes-heading = Exit codes of langfuse-otel (the same for every command):

## help (src/commands/help.rs)
cli-help-topics-heading = Help topics (langfuse-otel help TOPIC):
cli-help-topic-exit-codes = what each exit code means (the same for every command)
cli-help-topic-environment = the environment variables langfuse-otel reads
cli-help-unknown = no help for `{ $topic }`: `langfuse-otel help` lists the commands and the topics (exit-codes, environment)
cli-help-environment =
    Environment variables langfuse-otel reads:

      LANGFUSE_OTEL_PROFILE
          The profile to use where --profile is not given (default: `default`), in every command
          that takes --profile.

      LANGFUSE_PUBLIC_KEY
          The public key where --public-key is not given (setup, encode, rotate).

      LANGFUSE_SECRET_KEY
          The secret key where --secret-key-stdin is not given (setup, encode, rotate). The secret is
          never taken as an argument, where `ps` would show it.

      TRACELOOP_*, OTEL_EXPORTER_OTLP_*, LANGFUSE_*
          What `test` and `doctor` check when there is no ./.env and no --env-file. `run` sets them
          for its command (replacing values already set, unless --keep-env).

      HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY (or lowercase)
          The proxy for live tests, as curl reads them; the proxy in use is shown beside the test.

      XDG_CONFIG_HOME
          Profiles live in $XDG_CONFIG_HOME/langfuse-otel/profiles (default ~/.config on Linux; the
          platform's config directory elsewhere).

      DBUS_SESSION_BUS_ADDRESS
          The D-Bus session whose Secret Service holds the secret keys (Linux). Without it the
          keyring is unavailable (exit 40): use --no-keyring, or start a session.

      SSL_CERT_FILE, SSL_CERT_DIR
          Extra trusted root certificates for https (a corporate TLS proxy).

      NO_COLOR
          Any non-empty value: the wizard uses no colour.

      LANGFUSE_OTEL_REGION_HOSTS
          `eu=URL,us=URL,jp=URL,hipaa=URL,local=URL`: point the named regions elsewhere (tests, a
          mirror). Never needed in normal use.

## man (src/commands/completions.rs)
cli-man-cannot-render = cannot render the manual page: { $error }
cli-man-no-subcommand = no subcommand `{ $name }`: see `langfuse-otel --help` for the list
cli-man-wrote = wrote { $path }

## Shared by the commands (src/commands/mod.rs)
cli-note = note: { $message }
cli-no-terminal = note: no terminal here, so no wizard: run `langfuse-otel` in a terminal, or `langfuse-otel setup --non-interactive ...` in scripts
cli-setup-no-terminal = note: no terminal here, so no wizard: run `langfuse-otel setup` in a terminal, or give the answers as flags (`setup --non-interactive --region ... --public-key ... --secret-key-stdin`, see above)
cli-setup-no-wizard-field = note: { $flags } given, which the wizard has no field for: running without the wizard, as with --non-interactive; give every other answer as a flag
cli-plain-http = warning: { $host } is plain http to another machine: the secret key travels in clear text
cli-no-public-key = no public key given: pass --public-key pk-lf-... or set LANGFUSE_PUBLIC_KEY
cli-no-secret-key = no secret key given: pipe it in with --secret-key-stdin, or set LANGFUSE_SECRET_KEY (it is never taken as an argument, where `ps` would show it)
cli-secret-stdin-is-terminal = --secret-key-stdin: standard input is a terminal, and --non-interactive never prompts: pipe the secret in (printf '%s' "$SECRET" | langfuse-otel ...), or set LANGFUSE_SECRET_KEY
cli-secret-prompt = Secret key (sk-lf-..., input hidden):{" "}
cli-secret-unreadable-terminal = cannot read the secret key from the terminal: { $error }
cli-secret-unreadable-stdin = cannot read the secret key from standard input: { $error } (it must be UTF-8 text)
cli-secret-stdin-too-long = standard input holds more than { $kib } KiB; a secret key is under 100 bytes: pipe in the key alone
cli-format-unwritable = cannot write { $name } for { $format }: { $reason } (choose another --format)
cli-dotenv-unwritable = cannot write { $name } portably: { $reason }
cli-stdout-unwritable = cannot write to standard output: { $error }
cli-read-not-utf8 = { $name } is not UTF-8 text (invalid byte on line { $line }): the .env readers would each read it differently; convert it to UTF-8
cli-read-directory = { $name } is a directory, not a file: give the .env file itself, e.g. { $name }/.env
cli-read-no-directory = { $name } does not exist (nor does its directory)
cli-read-failed = cannot read { $name }: { $error }
cli-read-missing = { $name } does not exist: give the path of an existing .env

## The live test's report (src/commands/live.rs)
cli-live-runtime = cannot start the async runtime: { $error }
cli-live-server-runtime = cannot start the runtime: { $error }
cli-live-label = Live test
cli-live-via-proxy = {"  "}via proxy { $proxy } (HTTPS_PROXY / HTTP_PROXY; NO_PROXY skips it)
cli-live-tries = , { $count } tries
cli-live-fix = {"  "}fix: { $fix }
cli-live-region-hint = {"  "}hint: these keys belong to the { $region } region ({ $host }), { $project }: use --region { $slug }
cli-live-asking-regions = Asking every cloud region which one knows these keys:
cli-live-regions-unreachable = no Langfuse Cloud region could be reached (network failures or server errors), so the keys' region is unknown: check the network and try again, or name the region with --region
cli-live-no-region = no Langfuse Cloud region accepts these keys: check both keys (Project settings → API keys), or give --host for a self-hosted server
cli-live-several-regions = more than one region accepts these keys ({ $regions }): choose one with --region

## setup (src/commands/setup.rs); the plan of a file is rotate's too
cli-setup-no-host = where is your Langfuse? pass --region eu|us|jp|hipaa|local|auto, or --host URL for a self-hosted server
cli-setup-node-project = note: package.json found: a Node project, so the otel and langfuse families (what the OTel JS and Langfuse JS SDKs read); --vars chooses others
cli-setup-langfuse-headers = note: Langfuse's own SDKs read no header variable: pass the extra headers in code where the app uses them (Python: Langfuse(additional_headers=...), JS: additionalHeaders)
cli-setup-label-keys = Keys
cli-setup-label-families = Families
cli-setup-label-signals = Signals
cli-setup-label-headers = Headers
cli-setup-label-keyring = Keyring
cli-setup-label-profile = Profile
cli-setup-signals-traces-only = {" "}(logs and metrics exporters off)
cli-setup-signals-traces-specific = {" "}(traces-specific variables; the rest stay with the app's own endpoint)
cli-test-span = test span
cli-test-span-sent = sent: { $link }
cli-setup-live-test-failed = the live test failed ({ $cause }): nothing was written. Fix it and run again, or pass --write-anyway
cli-setup-write-anyway = warning: writing although the live test failed (--write-anyway)
cli-setup-skip-test = warning: not tested live (--skip-test): run `langfuse-otel test` once the server is reachable
cli-setup-no-env-file = No .env file (--no-env-file): the profile and the keyring hold everything.
cli-setup-needs-yes = the values marked `replace` already exist with other values; nothing was written. Re-run with --yes to replace them (each file's current version is kept as <file>.bak)
cli-setup-keyring-available = available
cli-setup-dry-run-keyring = dry run: the real run would stop here, before writing anything: the OS keyring cannot store the secret key: { $error }. { $fix }
cli-setup-dry-run = Dry run: nothing was written.
cli-setup-cannot-store-secret = cannot store the secret key: { $error }. Nothing was written; { $fix }
cli-setup-cannot-store-headers = cannot store the extra headers: { $error }. Nothing was written; { $fix }
cli-setup-gitignore-fix = ; re-run with --gitignore to add it to .gitignore
cli-setup-profile = { $name } (secret key { $kept })
cli-setup-next-run = run your app with `langfuse-otel run --profile { $profile } -- <command>`, or print the variables with `langfuse-otel export`
cli-setup-next = Next: { $next }.
cli-setup-other-form-specific = it also sets { $left }, which OTel SDKs use instead of { $written }: remove that line, or run setup with --signals naming the app's other signals
cli-setup-other-form-generic = it also sets { $left }, so the app's other signals still go there: remove that line if it points at Langfuse
cli-setup-exporter-none = it also sets { $name }=none, which turns that signal off in the app: remove that line
cli-setup-profile-elsewhere = profile `{ $name }` belongs to { $host } (public key { $public_key }), and this setup is for { $new_host }: nothing was written. Choose --profile NAME for another profile, `langfuse-otel rotate --profile { $name }` to change that profile's keys, or --yes to create profile `{ $free }`
cli-setup-profile-new = note: profile `{ $name }` belongs to { $host }; this setup is recorded as a new profile `{ $free }`
cli-plan-would-create = would be created
cli-plan-to-create = to create
cli-plan-up-to-date = already up to date
cli-plan-would-change = would be changed
cli-plan-to-update = to update
cli-plan-add = add
cli-plan-replace = replace
cli-plan-keep = keep
cli-plan-lines = {"  "}({ $count } lines)
cli-setup-readable = warning: { $path } is readable by other users (mode { $mode }) and holds a secret key: run chmod 600 { $path }
cli-setup-unchanged = { $path }: unchanged
cli-setup-tightened = note: tightened permissions of { $path } from { $old } to { $new }: it holds a secret key

## test (src/commands/test.rs)
cli-test-source-environment = environment
cli-test-source-profile = profile { $name }
cli-test-nothing-to-test = { $source }: no TRACELOOP_*, OTEL_EXPORTER_OTLP_* or LANGFUSE_* variables to test; create them with `langfuse-otel setup`
cli-test-as-the-app-sees-it = { $source } — as the app will see it:
cli-test-tested = Tested { $count } { $count ->
        [one] family
       *[other] families
    } in { $elapsed }.
cli-test-passes-but-app-would-not = the live test passes, but the app would not export what was tested: see the findings above (--no-env checks the file alone)
cli-test-failed-for = the live test failed for { $families }: see the fix above
cli-test-ok = OK
cli-test-failed = FAILED
cli-test-dropped-header = {"  "}! dropped by strict parsers (OTel Python, so Traceloop Python): { $header }
cli-test-hint = {"  "}hint: { $hint }
cli-test-test-span = {"  "}test span: { $trace }
cli-arrival-label = arrival
cli-arrival-reads = { $count } { $count ->
        [one] read
       *[other] reads
    }
cli-arrival-visible = test span visible after { $after }
cli-arrival-not-visible = test span not visible after { $waited }
cli-arrival-not-proven = test span not proven
cli-arrival-trace-id = {"    "}trace id { $id }
cli-arrival-cause = {"  "}cause: { $cause }

## rotate (src/commands/rotate.rs)
cli-rotate-no-such-flag = rotate replaces the keys and keeps the profile's host and families, so it has no { $flag }. To change them, run `langfuse-otel setup --profile { $name } { $flag } ...` (it asks for the keys, tests them live and rewrites the profile's .env files), then rotate as usual.
cli-rotate-rotating = Rotating profile `{ $name }` on { $host } ({ $old } → { $new })
cli-rotate-file-gone = no longer exists (run `langfuse-otel setup --profile { $name } --env-file { $path }` to write it again)
cli-rotate-other-host = its host is { $other }, not the profile's { $host }: new keys of { $host } would not work there (rotate that file with its own profile)
cli-rotate-skipped = warning: { $path }: { $reason }: skipped
cli-rotate-will-rewrite = {"  "}will rewrite { $path } (host { $host })
cli-rotate-nothing-to-rewrite = profile `{ $name }` keeps its secret only in .env files, and none of them can be rewritten: run `langfuse-otel setup --profile { $name }`
cli-rotate-holds-new = { $place } holds the new secret key.
cli-rotate-revoke = The old key { $old } still works until you revoke it: { $revoke_at }
cli-rotate-revoke-page = { $host } → your project → Settings → API Keys

## run, export, encode, sandbox, the wizard's ending
cli-run-no-command = give the command to run after `--`
cli-run-kept = note: kept from the environment (--keep-env): { $variables }
cli-run-unset = note: unset for the command, since OTel SDKs would use it instead of the profile's: { $variables }
cli-run-not-found = cannot run `{ $name }`: no such command (check the name and PATH)
cli-run-permission-denied = cannot run `{ $name }`: permission denied (is it executable?)
cli-run-failed = cannot run `{ $name }`: { $error }
cli-export-terminal = refusing to print the secret key to a terminal, where it would stay in the scrollback: pipe or redirect the output (`langfuse-otel export > file`), or pass --force
cli-encode-region-auto = --region auto needs a live test, which encode does not make: name the region, or use `langfuse-otel setup --region auto`
cli-encode-no-host = note: no --region or --host given: the base URL variables are left out
cli-sandbox-keys-from-env = --keys-from-env needs { $variable }=pk-lf-...:sk-lf-...
cli-sandbox-cannot-listen = cannot listen on 127.0.0.1:{ $port }: { $error }
cli-wizard-terminal-failed = the terminal failed: { $error }
cli-wizard-profile-saved = profile { $profile } saved; rotate later with `langfuse-otel rotate --profile { $profile }`
cli-wizard-left = Left the wizard; nothing more was written.
cli-wizard-interrupted = Interrupted; nothing more was written.

## doctor (src/commands/doctor.rs); a finding as doctor and test print it
cli-doctor-profile-without-env-file = profile `{ $name }` was set up without a .env file (`langfuse-otel setup --no-env-file`): test it live with `langfuse-otel test --profile { $name }`
cli-doctor-fix-environment = note: --fix rewrites files; these variables come from the environment, so fix them where they are set
cli-doctor-nothing-to-check = { $source }: no TRACELOOP_*, OTEL_EXPORTER_OTLP_* or LANGFUSE_* variables to check; create them with `langfuse-otel setup`
cli-doctor-live-failure = a variable family would not authenticate: see the fix above
cli-doctor-problems = the configuration has problems: see the fixes above (--fix repairs what it can)
cli-doctor-fix-changes = { $name }: --fix changes
cli-doctor-secret-hidden = (secret, hidden)
cli-doctor-rewritten = note: { $name } rewritten; the previous version is { $backup }
cli-doctor-no-problems = {"  "}✓ no problems in the static checks
cli-doctor-fixed = {"  "}fixed: { $variables }
cli-doctor-fix-failed = {"  "}--fix could not rebuild the values: { $error }
cli-doctor-verdicts-offline = Verdicts (offline: no live test):
cli-doctor-verdicts = Verdicts:
cli-doctor-static-pass = ✓ static checks pass
cli-doctor-warnings = ! { $count } { $count ->
        [one] warning
       *[other] warnings
    }
cli-doctor-errors = ✗ { $count } { $count ->
        [one] problem
       *[other] problems
    }
cli-doctor-live-ok = {" "}· ✓ authenticates live
cli-doctor-live-failed = {" "}· ✗ fails live
cli-doctor-live-untested = {" "}· not tested live
cli-finding-line = line { $line }:{" "}
cli-finding-wins-with = {"      "}wins with: { $loaders }
cli-finding-loses-with = {"      "}loses with: { $loaders }
cli-finding-fix = {"      "}fix: { $fix }

## explain (src/commands/explain.rs)
cli-explain-no-line = no error line: give it as arguments (in quotes) or on standard input, e.g. `langfuse-otel explain 'Failed to export batch code: 401, reason: ...'`
cli-explain-unrecognised = not recognised as an exporter error; what would help: { $needed }
cli-explain-no-line-terminal = no error line: give it as arguments (in quotes), or pipe it in: `pbpaste | langfuse-otel explain`
cli-explain-stdin-unreadable = standard input: { $error }
cli-explain-stdin-too-long = standard input is over { $kib } KiB: give the error line itself, not the whole log
cli-explain-env-file-missing = { $path } does not exist: give the .env the app loads with --env-file, or --no-env-file
cli-explain-not-recognised = ✗ not recognised as an exporter error
cli-explain-would-help = {"  "}what would help: { $needed }
cli-explain-recognised = ✓ recognised: { $read }
cli-explain-cause = {"  "}cause: { $cause }
cli-explain-fix = {"  "}fix:   { $fix }
cli-explain-no-env-file = {"  "}(no .env checked: run in the app's directory, or give --env-file PATH, to see the line to change)
cli-explain-nothing-in-env-file = { $env_file }: nothing in it leads to this error by the static checks; test it live with `langfuse-otel test --env-file { $env_file }`
cli-explain-lines-to-change = { $env_file }: the lines to change
cli-explain-place-line-variable = line { $line }, { $variable }
cli-explain-place-line = line { $line }
cli-explain-place-file = file
cli-explain-finding = {"  "}{ $place }: { $cause }
cli-explain-finding-fix = {"    "}fix: { $fix }

## profiles (src/commands/profiles.rs)
cli-profiles-keyring-timeout = the OS keyring did not answer in time (--keyring-timeout)
cli-profiles-none = No profiles yet (looked in { $dir }): create one with `langfuse-otel setup`.
cli-profiles-not-usable = not usable now: { $names } (see above)
cli-profiles-host = host
cli-profiles-public-key = public key
cli-profiles-families = families
cli-profiles-secret-key = secret key
cli-profiles-in-keyring = OS keyring
cli-profiles-in-env-files = only in the .env files it wrote
cli-profiles-reachable = { $place } — reachable ✓
cli-profiles-unreachable = { $place } — not reachable ✗: { $error }
cli-profiles-missing = {"  "}(missing)
cli-profiles-created = created { $time }
cli-profiles-rotated = , rotated { $time }
cli-profiles-last-tested = , last tested { $time }
cli-profiles-cell-damaged = ✗ damaged
cli-profiles-cell-keyring = ✓ keyring
cli-profiles-cell-env-only = ✓ .env only
cli-profiles-cell-unreachable = ✗ unreachable
cli-profiles-cell-missing = { $files } ({ $missing } missing)
cli-profiles-cell-authenticates = ✓ authenticates
cli-profiles-cell-failed = ✗ { $problem } (exit { $code })
cli-profiles-cell-not-tested = not tested
cli-profiles-column-profile = PROFILE
cli-profiles-column-host = HOST
cli-profiles-column-project = PROJECT
cli-profiles-column-keyring = KEYRING
cli-profiles-column-files = FILES
cli-profiles-column-result = RESULT
cli-profiles-remove-needs-yes = removing profile `{ $name }` deletes its keyring entry for good: re-run with --yes to confirm (no terminal here to ask)
cli-profiles-remove-and-secret = {" "}and its secret key in { $place }
cli-profiles-remove-ask = Remove profile `{ $name }` ({ $host }){ $place }? [y/N]{" "}
cli-profiles-kept = Kept profile `{ $name }`.
cli-profiles-remove-failed = { $error }; the profile was kept so nothing is left behind in the keyring
cli-profiles-removed = Removed profile `{ $name }`.
cli-profiles-removed-with-secret = Removed profile `{ $name }` and its secret key in { $place }.
cli-profiles-files-keep-key = note: the .env files it wrote still hold the key: { $files }
cli-profiles-unusable = profile `{ $name }` is not usable: { $error }

## demo (src/commands/demo.rs)
cli-demo-cannot-start = cannot start the sandbox: { $error }
cli-demo-wizard-done = Demo: the sandbox at { $url } (demo keys, stopped now) received { $count } OTLP export(s). For real: langfuse-otel
cli-demo-intro = langfuse-otel demo: the whole setup against a sandbox Langfuse on this machine.
cli-demo-step-sandbox = 1. A Langfuse-compatible sandbox is listening at { $url }
cli-demo-step-sandbox-keys = {"   "}with demo keys { $public } / { $secret }.
cli-demo-step-setup = 2. Setup writes the variables, after testing them live:
cli-demo-step-test = 3. Test the written file, each variable family alone, and send one test span:
cli-demo-step-received = 4. The sandbox received { $count } OTLP exports; { $exact } carried exactly `Authorization: Basic base64(pk:sk)`.
cli-demo-your-env = Your .env is { $path } — have a look. For real:
cli-demo-for-real = {"   "}$ langfuse-otel setup                 (or: setup --non-interactive --region eu|us|jp|hipaa|auto ...)
cli-demo-bug = the sandbox received an export with another Authorization header: this is a bug
cli-demo-no-temp-dir = cannot create a temporary directory: { $error }

## The keyring's failures as every command reports them (src/exit.rs)
cli-keyring-error = { $error }: { $fix }
cli-keyring-unavailable-fix = start a Secret Service (gnome-keyring, KeePassXC) in this session, or set the profile up again with `langfuse-otel setup --no-keyring` to keep the secret only in the .env
cli-keyring-locked-fix = unlock the keyring (log in to the desktop session, or `gnome-keyring-daemon --unlock`) and retry
cli-secret-not-found = { $error }: store it again with `langfuse-otel rotate --profile { $profile }`

## Values clap checks (src/cli.rs)
cli-lang-unknown = `{ $value }` is not a language langfuse-otel speaks: use { $choices }
cli-seconds-invalid = expected a number of seconds, more than 0 and at most 600
cli-ingestion-version-invalid = expected a number from 1 to { $max } or `none` (Langfuse rejects versions above { $max })
cli-lang-or = {" "}or{" "}
cli-setup-several-env-files = --env-file (more than one)
