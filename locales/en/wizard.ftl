# The wizard (src/tui): screens, key hints, status lines. Ids: `wiz-<screen>-<what>`.
# Every id has a translation in locales/zh-CN/wizard.ftl.

## Title bar, terminal too small, scroll markers
wiz-title-start = Start
wiz-title-step = Step { $step } of { $steps } · { $name }
wiz-title-region = Where is your Langfuse?
wiz-title-keys = API keys
wiz-title-test = Live test
wiz-title-output = Where to keep it
wiz-title-done = Done
wiz-title-diagnose = Diagnose
wiz-title-explain = Explain an error
wiz-demo-badge = DEMO
wiz-too-small = Make the terminal larger: langfuse-otel needs { $need }, this one is { $have }.
wiz-too-small-quit = q or Ctrl-C quits.
wiz-more-above = { $count } more above
wiz-more-below = { $count } more below

## Lists inside a sentence
wiz-list-separator = {"; "}
wiz-list-comma = {", "}
wiz-list-and = {" and "}

## Key hints (the footer): what the key does
wiz-key-choose = choose
wiz-key-select = select
wiz-key-quit = quit
wiz-key-next = next
wiz-key-next-field = next
wiz-key-back = back
wiz-key-use-url = use this URL
wiz-key-back-to-list = back to the list
wiz-key-allow-http = allow plain http
wiz-key-switch-field = switch field
wiz-key-reveal-secret = reveal secret
wiz-key-test = test
wiz-key-continue = continue
wiz-key-stop = stop and go back
wiz-key-skip-test = skip the test
wiz-key-repair = repair
wiz-key-skip-check = skip the check
wiz-key-send-again = send again
wiz-key-explain = explain
wiz-key-clear = clear
wiz-key-retry = retry
wiz-key-env-only = only in .env
wiz-key-kernel-keyring = kernel keyring
wiz-key-toggle = toggle
wiz-key-write = write
wiz-keyname-space = Space
wiz-key-retry-keyring = retry keyring

## Start
wiz-start-intro = Get OpenTelemetry / OpenLLMetry traces into Langfuse, correctly encoded.
wiz-start-found-profiles = profiles: { $names }
wiz-start-found-env-file = { $path } with Langfuse/OTel variables
wiz-start-found-environment = { $families } variables in the environment
wiz-start-found-nothing = Found: nothing yet — a fresh start.
wiz-start-found = Found: { $found }.
wiz-start-prefilled = From the command line: { $answers } (filled in; change them on their screens).
wiz-start-node-project = package.json beside the .env: a Node project, so the otel and langfuse families are preselected.
wiz-start-setup = Set up a new profile
wiz-start-rotate = Rotate the keys of profile `{ $profile }`
wiz-start-export = Write a .env for profile `{ $profile }`
wiz-start-diagnose = Diagnose { $path }
wiz-start-explain = I have an error message from my app's log
wiz-start-quit = Quit
wiz-prefill-host = host { $url }
wiz-prefill-detect = region: detect
wiz-prefill-region = region { $region }
wiz-prefill-public-key = public key { $key }
wiz-prefill-families = families { $families }
wiz-prefill-file = file { $path }
wiz-prefill-no-keyring = no keyring

## Region
wiz-region-intro = Langfuse regions are separate: keys from one are unknown to the others.
wiz-region-detect = Detect from my keys (asks every cloud region at once)
wiz-region-self-hosted = Self-hosted: enter the URL
wiz-region-url-label = URL
wiz-region-will-use = will use { $host }
wiz-region-plain-http-allowed = plain http to another machine: the secret key travels in clear text
wiz-region-plain-http = { $url } is plain http to another machine: the key would travel in clear text.
wiz-region-plain-http-fix = Use https://, or press Ctrl-Y if this network is trusted.
wiz-region-url-example = e.g. https://langfuse.example.com, or https://example.com/langfuse behind a proxy

## Keys
wiz-keys-rotate-intro = New keys for profile `{ $profile }` ({ $host }). The old public key was { $key }.
wiz-keys-intro = From Langfuse → Project settings → API keys. Paste them; they are cleaned and checked.
wiz-keys-public-label = Public key
wiz-keys-secret-label = Secret key
wiz-keys-secret-shown = (shown: Ctrl-R hides it)
wiz-keys-secret-hidden = (hidden: Ctrl-R shows it)
wiz-keys-shape = Keys look like pk-lf-... and sk-lf-...
wiz-keys-both-valid = both keys look right: Enter runs the live test
wiz-keys-public-valid = public key looks right; now the secret key
wiz-keys-note-trimmed-line-break = removed the line break at the end of the paste
wiz-keys-note-trimmed-spaces = removed spaces around the paste
wiz-keys-note-both = pasted both keys: each went to its field
wiz-keys-note-pasted-secret = that paste was the secret key: it went to the secret field, hidden
wiz-keys-note-pasted-public = that paste was the public key: it went to the public field
wiz-keys-note-typed-secret = that was the secret key: it moved to the secret field, hidden

## Live test and region detection
wiz-test-edit-keys = Edit keys
wiz-test-change-region = Change region
wiz-test-retry = Retry
wiz-test-continue-anyway = Continue anyway (write untested)
wiz-test-back-to-start = Back to the start
wiz-detect-offline = No network: no Langfuse Cloud region could be reached ({ $cause }). Check the connection, then Retry.
wiz-detect-some-unreachable = No reachable region accepts these keys, and { $regions } could not be reached (network): Retry, or choose the region yourself.
wiz-detect-none = No Langfuse Cloud region accepts these keys: check both keys, or choose Self-hosted.
wiz-detect-several = More than one region accepts these keys ({ $regions }): choose the region yourself.
wiz-detect-answers-took = Which region knows these keys (asked in { $seconds } s):
wiz-detect-answers = Which region knows these keys:
wiz-detect-asking = Asking every cloud region which one knows these keys…
wiz-test-testing = Testing { $url }
wiz-test-check-took = ({ $ms } ms)
wiz-test-region-hint = hint: these keys belong to the { $region } region ({ $host }): choose Change region
wiz-test-proven = Proven in { $seconds } s: these keys write to { $project }. Enter continues.
wiz-test-failed = The test failed after { $ms } ms. What now?
wiz-test-no-region = No region to test. What now?
wiz-fix = fix: { $fix }
wiz-cause = cause: { $cause }

## Where to keep it (output)
wiz-output-keyring-retry = Retry the keyring          (r)
wiz-output-keyring-env-only = Keep the secret only in the .env   (n)
wiz-output-keyring-kernel = Keep it in the kernel keyring: in memory, until reboot or logout   (k)
wiz-output-no-family = Choose at least one variable family (Space toggles).
wiz-output-no-path = Give the .env path.
wiz-output-profile-taken = Profile `{ $profile }` belongs to { $host }: give another name (`{ $suggestion }` is free).
wiz-output-keyring-checking = Still checking the keyring…
wiz-output-keyring-choose-first = The keyring cannot be used: choose above (retry, or keep the secret only in the .env).
wiz-output-no-files = None of the profile's .env files exists any more.
wiz-output-missing-inputs = The keys or the host are missing: go back and enter them.
wiz-output-keys-not-loaded = (the keys are not loaded yet)
wiz-output-old-value-hidden = (old value hidden)
wiz-output-keyring-unavailable = Keyring: { $cause }.
wiz-output-keyring-remedy = Fix: { $remedy }.
wiz-output-rotate-intro = Rewrites every .env of profile `{ $profile }` (each keeps a .bak):
wiz-output-rotate-missing = (missing: skipped)
wiz-output-rotate-secret-env-file = and the secret stays only in the .env files.
wiz-output-rotate-secret-keyring = and the OS keyring gets the new secret.
wiz-output-rotate-secret-kernel = and the kernel keyring (in memory: until reboot or logout) gets the new secret.
wiz-output-label-env-file = .env file
wiz-output-label-variables = Variables
wiz-output-label-profile = Profile
wiz-output-label-git = Git
wiz-output-label-keyring = Keyring
wiz-output-profile-new = new profile
wiz-output-profile-joins = exists for this host and key: this file joins it
wiz-output-profile-belongs = belongs to { $host }: `{ $suggestion }` is free
wiz-output-git-unknown = cannot tell whether git would commit { $file } ({ $why })
wiz-output-git-tracked = git tracks { $file }: the secret key goes into the next commit; run `git rm --cached { $quoted }`
wiz-output-git-would-commit = { $count ->
    [one] git would commit { $files } (the secret key is in it)
   *[other] git would commit { $files } (the secret key is in them)
}
wiz-output-gitignore-add = add { $lines } to .gitignore
wiz-output-gitignore-impossible = (a name with a line break: no .gitignore line can match it)
wiz-output-keyring-demo = (demo: the keyring and your profiles are left alone)
wiz-output-keyring-checking-status = checking the OS keyring
wiz-output-keyring-available = OS keyring available: keep the secret there (the .env has it too)
wiz-output-keyring-chose-kernel = { $cause }: the secret goes to the kernel keyring (until reboot or logout) and the .env (your choice; r retries)
wiz-output-keyring-chose-env-only = { $cause }: the secret stays only in the .env (your choice; r retries)
wiz-output-preview = Preview of { $path } (secrets masked):
wiz-output-mode-loose = others can read it (mode { $mode }): the write tightens it to { $tightened }
wiz-output-proven = proven by the live test for exactly these variables
wiz-output-untested = not tested (your choice): the write is recorded as untested
wiz-output-changed-since-test = not tested with these variables (changed since the test): Enter tests them first
wiz-output-button-writing = Writing…
wiz-output-button-write = Write
wiz-output-button-test-then-write = Test, then write
wiz-write-profile-taken = profile `{ $profile }` belongs to { $host } (public key { $key }): nothing was written; give this setup another profile name
wiz-write-keyring-failed = cannot store the secret key: { $cause }. Nothing was written; { $remedy }
wiz-note = note: { $note }
wiz-internal-error = internal error: { $error }
wiz-file-missing = { $path } does not exist

## Done
wiz-done-arrival-waiting = sent one test span; waiting for Langfuse to show it ({ $waited } s of { $deadline } s; Esc skips)
wiz-done-arrival-visible = the test span is visible in Langfuse after { $seconds } s
wiz-done-arrival-never = the test span did not show up in Langfuse
wiz-done-arrival-skipped = Skipped: whether a span shows up in Langfuse (r sends one again).
wiz-done-written = Written.
wiz-done-rotated = Keys rotated.
wiz-done-profile-keyring = profile `{ $profile }` (secret key in the OS keyring)
wiz-done-profile-kernel = profile `{ $profile }` (secret key in the kernel keyring (in memory: until reboot or logout))
wiz-done-profile-env-file = profile `{ $profile }` (secret key only in the .env files)
wiz-done-next-node = Next, in your Node app (package.json here): load the .env first:
wiz-done-node-env-file-comment = Node 20.6+
wiz-done-node-dotenv-comment = or this, first line (dotenv)
wiz-done-node-sdk = Then start the OpenTelemetry SDK (NodeSDK): it reads OTEL_EXPORTER_OTLP_*.
wiz-done-next-python = Next, in your app (Traceloop / OpenLLMetry for Python):
wiz-done-python-load-comment = before Traceloop.init(), so it reads TRACELOOP_*
wiz-done-traceloop-node = Node.js: Traceloop Node cannot read TRACELOOP_HEADERS; use the otel family (OTEL_EXPORTER_OTLP_*).
wiz-done-rotate-later = Rotate later: { $command }
wiz-done-run-without-env = Run without a .env: { $command }

## Diagnose
wiz-standing-error = error
wiz-standing-warning = warning
wiz-standing-ok = ok
wiz-diagnose-intro = Each variable family in { $path }, tested alone, as its client reads it:
wiz-diagnose-testing = testing…
wiz-diagnose-counts = { $errors } error(s), { $warnings } warning(s), { $ok } ok
wiz-diagnose-repairing = repairing…
wiz-diagnose-repair-hint = Press f to apply the lines marked - / + (the file keeps a .bak), then it is tested again.
wiz-diagnose-secret-hidden = (holds the secret: hidden)
wiz-diagnose-at-line = line { $line }:{" "}
wiz-diagnose-repair-mode = mode 0600: only you can read it
wiz-diagnose-repair-gitignore = .gitignore: the .env and its .bak, escaped for git
wiz-diagnose-file = file
wiz-diagnose-no-variables = { $path } holds no TRACELOOP_*, OTEL_EXPORTER_OTLP_* or LANGFUSE_* variables
wiz-diagnose-gone = { $path } no longer exists
wiz-diagnose-changed = { $path } changed since it was tested, so the repairs shown no longer fit it: nothing was written. Go back (Esc) and diagnose it again.
wiz-diagnose-repaired = repaired { $variables }

## Explain an error
wiz-explain-intro = Paste the error line from your app's log, then press Enter.
wiz-explain-reads = Lines from OTel Python, JS, Java, Go and .NET, Traceloop and Langfuse's SDKs are read: the status, Langfuse's message, gRPC, DNS, TLS and connection errors.
wiz-explain-unrecognized = Not recognised as an exporter error.
wiz-explain-needed = What would help: { $needed }
wiz-explain-recognized = Recognised: { $read }
wiz-explain-cause = Cause: { $cause }
wiz-explain-fix = Fix: { $fix }
wiz-explain-no-env = No .env with Langfuse/OTel variables here, so no line to point at.
wiz-explain-reading = reading { $path }…
wiz-explain-env-clean = { $path }: nothing in it leads to this error; Diagnose tests it live.
wiz-explain-env-lines = { $path }: the lines to change
wiz-explain-finding-at-line = line { $line }, { $variable }: { $cause }
wiz-explain-finding = { $variable }: { $cause }

## Names shown in lists: regions and live checks
wiz-region-name-eu = EU (Langfuse Cloud)
wiz-region-name-us = US (Langfuse Cloud)
wiz-region-name-jp = Japan (Langfuse Cloud)
wiz-region-name-hipaa = HIPAA (Langfuse Cloud)
wiz-region-name-local = Local (self-hosted on this machine)
wiz-check-server = server
wiz-check-keys = keys
wiz-check-ingest = OTLP endpoint
wiz-check-arrival = arrival
