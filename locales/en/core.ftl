# Messages of the pure domain and the IO edges (src/core, src/io, src/apply.rs, src/checkup.rs,
# src/exit.rs): diagnoses, doctor findings, explain, refusals and errors. English is the source;
# every id here has a translation in locales/zh-CN/core.ftl (tests/i18n.rs checks it).
# Ids: `core-<area>-<what>`. Arguments: `{ $name }`; Fluent syntax: https://projectfluent.org/

core-language-name = English
core-language-example = { $count ->
    [one] 1 line of { $path }
   *[other] { $count } lines of { $path }
}

## Live test and explain: the diagnosis table (src/core/diagnosis.rs)

core-check-no-health-answer = no health answer: { $cause }
core-check-span-visible = the test span is visible
core-check-empty-export-accepted = accepted an empty export with exactly the written headers
core-project = project "{ $name }"
core-project-in-organization = project "{ $name }" (organization "{ $organization }")
core-problem-with-fix = { $cause }; fix: { $fix }

core-cause-no-authorization-header = Langfuse received no Authorization header (401 "No authorization header")
core-cause-invalid-credentials = Langfuse does not know these keys (401 "Invalid credentials")
core-cause-malformed-credential = the Authorization header is not base64 of `public_key:secret_key` (401 "Invalid authorization header")
core-cause-not-basic = the Authorization header does not start with `Basic ` (401 "Invalid authorization header")
core-cause-access-denied = these keys may not send traces (403 "Access denied"): an organization key, or a public key alone
core-cause-ingestion-suspended = Langfuse refuses new data (403): { $message }
core-cause-no-project = the keys are valid but belong to no project
core-cause-not-found-on-langfuse = { $url } does not exist (404) on this Langfuse (version { $version })
core-cause-not-found = { $url } does not exist (404 page): no Langfuse answers at this path
core-cause-method-not-allowed = { $url } does not accept this request (405)
core-cause-redirect = { $url } redirects to { $location } (not followed: the key must not travel to another address)
core-cause-not-langfuse = { $url } answered, but not as Langfuse does: another server is at this address
core-cause-rejected = Langfuse rejected the request ({ $status }): { $message }
core-cause-server-error = the server failed with { $status } ({ $attempts } attempts)
core-cause-unauthorized = Langfuse refused the request (401) and the line does not say why: a dropped or malformed Authorization header, or keys it does not know
core-cause-grpc = the exporter speaks OTLP over gRPC, and Langfuse accepts OTLP over HTTP only
core-cause-signal-not-accepted = { $url }: Langfuse takes traces only, so logs and metrics sent to its OTel endpoint are refused (404) or dropped
core-cause-dns = the host name { $host } does not resolve (DNS)
core-cause-refused = nothing accepts connections at { $address } (connection refused)
core-cause-reset = the connection was closed before an answer (reset)
core-cause-tls = the TLS handshake failed: { $cause }
core-cause-timeout = no answer within { $seconds } s
core-cause-proxy = the proxy { $proxy } failed: { $cause }
core-cause-insecure-http = not sent: plain http:// to another machine would carry the secret key in clear text
core-cause-other = the request failed: { $cause }

core-fix-no-authorization-header = the header variable was dropped by the client's parser, usually for a raw space: write it as `Authorization=Basic%20<base64>` (langfuse-otel setup does)
core-fix-invalid-credentials = check that both keys come from the same project (Project settings → API keys) and that the host is the region they were created in
core-fix-malformed-credential = rebuild the header from the keys: `langfuse-otel setup` or `langfuse-otel encode`
core-fix-not-basic = the value must decode to `Basic <base64>`: `Basic+...` (quote_plus) and a literal `Basic%20...` (from a client that does not percent-decode, like Traceloop Node) are rejected; write `Authorization=Basic%20<base64>`, and in Node use the OTEL_* variables
core-fix-access-denied = use a project's key pair (pk-lf-... with its sk-lf-...) from Project settings → API keys
core-fix-ingestion-suspended = raise the usage limit or upgrade the plan in Langfuse's billing settings
core-fix-no-project = create a project in Langfuse and use its API keys
core-fix-not-found-old-server = the OTel endpoint needs Langfuse 3.22 or later, and this server is { $version }: upgrade it
core-fix-not-found-wrong-path = this Langfuse has the OTel endpoint, so the path is wrong: spans go to {"{"}host{"}"}/api/public/otel/v1/traces; the base URL must end in /api/public/otel
core-fix-not-found = give the Langfuse base URL (e.g. https://cloud.langfuse.com, or https://example.com/langfuse behind a proxy prefix); the OTel path is added for you
core-fix-method-not-allowed = check the URL: a redirect (http:// to https://) turns POST into GET; use the final URL
core-fix-redirect = use the address it redirects to as the host ({ $location })
core-fix-not-langfuse = check the host URL: it must be the Langfuse web server
core-fix-server-error = Langfuse is having trouble; try again later (self-hosted: check the server's logs)
core-fix-unauthorized = find out which: `langfuse-otel doctor` on the .env the app loads tells a dropped header, a malformed one and unknown keys apart, and tests each family live
core-fix-grpc = set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf and an endpoint with its scheme, https://<host>/api/public/otel (a TRACELOOP_BASE_URL without https:// makes Traceloop use gRPC); `langfuse-otel setup` writes both
core-fix-signal-not-accepted = send only traces to Langfuse: set OTEL_LOGS_EXPORTER=none and OTEL_METRICS_EXPORTER=none, or give the traces endpoint alone (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=<host>/api/public/otel/v1/traces)
core-fix-dns = check the host name for typos, and that this machine is online
core-fix-refused = check the port, and that the server is running (self-hosted: docker compose ps)
core-fix-reset = try again; if it repeats, a firewall or proxy is cutting the connection
core-fix-tls = check the URL's scheme (http:// for a server without TLS) and, behind a TLS-inspecting proxy, that its CA is trusted
core-fix-timeout = check the network and the host; a slow link may need --timeout
core-fix-proxy = check HTTPS_PROXY / HTTP_PROXY, or add the host to NO_PROXY
core-fix-insecure-http = use https://, or pass --allow-http if this network is trusted
core-fix-other = try again; check the network
core-fix-ingestion-version = set x-langfuse-ingestion-version=4 in the header list (values above 4 are rejected), or remove it: `langfuse-otel setup` writes it right
core-fix-content-type = the exporter must send OTLP over HTTP as application/x-protobuf or application/json: set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
core-fix-rejected = Langfuse's message above says what it refused; fix that in the request the client sends (self-hosted: the server's log has the details)

## explain (src/core/explain.rs)

core-explain-langfuse-said = Langfuse said "{ $message }"
core-explain-exporters-url = the exporter's URL
core-explain-exporters-host = the exporter's host
core-explain-needed = the whole error line as the SDK logged it: the HTTP status code (e.g. `code: 401`), the response body Langfuse sent (e.g. {"{"}"message":"Invalid credentials ..."{"}"}), or the network error (DNS, connection refused, TLS, timeout)
core-tls-not-tls = the server does not speak TLS at this port (https:// to a plain-http server)
core-tls-expired = the server's certificate has expired
core-tls-self-signed = the server's certificate is self-signed (not trusted by this client)
core-tls-other-host = the certificate is for another host name
core-tls-untrusted = the client does not trust the server's certificate

## doctor's findings (src/core/doctor.rs)

core-doctor-readers-disagree = { $detail }: Python and JavaScript clients would use different settings
core-doctor-readers-disagree-fix = write the lines around it as plain KEY=value lines (ASCII keys, values unquoted or in single quotes, no lone carriage return or unusual spaces)
core-doctor-quoting = { $name } is quoted or escaped in a way python-dotenv, Node dotenv, dotenvy and docker compose read differently
core-doctor-quoting-fix = write it unquoted, or in single quotes without `'`, `\` or `${"{"}` (--fix does)
core-doctor-git-tracked = git tracks this .env: the secret key is in the repository's history
core-doctor-git-tracked-fix = rotate the keys (langfuse-otel rotate), then `git rm --cached` the file and ignore it
core-doctor-git-would-commit = git would commit this .env (it is not ignored) with the secret key in it
core-doctor-git-would-commit-fix = add it to .gitignore (--fix does)
core-doctor-world-readable = other users can read this .env (mode { $mode }), and it holds the secret key
core-doctor-world-readable-fix = chmod 600 it (--fix does)
core-doctor-basic-without-authorization = { $name } has a Basic credential without `Authorization=` before it: no client sends it as the Authorization header
core-doctor-missing-authorization = { $name } has no Authorization entry: Langfuse answers 401 "No authorization header"
core-doctor-write-authorization-fix = write it as `Authorization=Basic%20<base64 of pk:sk>` (--fix does)
core-doctor-raw-space = { $name } has a raw space in the Authorization value: OTel Python's parser, which Traceloop Python uses, drops the header (401 "No authorization header")
core-doctor-raw-space-fix = write the space as %20: `Authorization=Basic%20...` (--fix does)
core-doctor-quote-plus = { $name } has `Basic+...` (urllib.parse.quote_plus output): the Python, JS, Go and Rust OTel SDKs send a literal `Basic+`, which Langfuse rejects
core-doctor-quote-plus-fix = write the space as %20, not + (--fix does)
core-doctor-raw-plus = { $name } has a raw `+` inside the base64: Java's URLDecoder (OpenTelemetry Java) reads it as a space
core-doctor-raw-plus-fix = write every + in the base64 as %2B (--fix does)
core-doctor-bad-escape = { $name } has a `%` that is not a percent escape
core-doctor-bad-escape-fix = rebuild the header (--fix does)
core-doctor-missing-basic = { $name }'s Authorization value does not start with `Basic `: Langfuse answers 401 "Invalid authorization header"
core-doctor-bad-base64 = { $name }'s Basic credential is not base64 of `public_key:secret_key`
core-doctor-rebuild-from-keys-fix = rebuild it from the keys: `langfuse-otel encode` (--fix does when the keys are in the file)
core-doctor-swapped-in-header = { $name }'s credential is `secret:public`: the keys are swapped
core-doctor-swapped-in-header-fix = encode `public_key:secret_key`, in that order (--fix does)
core-doctor-not-key-pair = { $name }'s credential does not decode to `pk-lf-...:sk-lf-...`
core-doctor-credential-mismatch = { $name } carries other keys than LANGFUSE_PUBLIC_KEY / LANGFUSE_SECRET_KEY in the same file: one of the two pairs is stale
core-doctor-credential-mismatch-fix = find the valid pair (the live check tests each family), then write both from it with `langfuse-otel setup`
core-doctor-node-truncation = this looks like a Node project: Traceloop Node splits TRACELOOP_HEADERS on every `=` and never decodes, so the base64 padding and %20 break the header
core-doctor-node-truncation-fix = in Node, use the OTEL_EXPORTER_OTLP_* variables (`--vars otel`) or pass the headers in code
core-doctor-swapped-keys = LANGFUSE_PUBLIC_KEY holds a secret key and LANGFUSE_SECRET_KEY a public key: they are swapped
core-doctor-swapped-keys-fix = exchange the two values (--fix does)
core-doctor-traceloop-no-scheme = { $name } has no http:// or https://: Traceloop then exports over gRPC, which Langfuse does not accept
core-doctor-otel-no-scheme = { $name } has no http:// or https://: OTel SDKs reject it or fall back to their default endpoint
core-doctor-add-https-fix = start it with https:// (--fix does)
core-doctor-doubled-traces-path = { $name } already ends in /v1/traces, and OTel SDKs append /v1/traces again: 404
core-doctor-doubled-traces-path-fix = give the base, ending in /api/public/otel (--fix does)
core-doctor-missing-otel-path = { $name } does not end in /api/public/otel: spans go to { $path }/v1/traces, which is a 404 on Langfuse
core-doctor-missing-otel-path-fix = append /api/public/otel to the Langfuse URL (--fix does)
core-doctor-traces-endpoint-no-scheme = OTEL_EXPORTER_OTLP_TRACES_ENDPOINT has no http:// or https://
core-doctor-traces-endpoint-path = OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used as-is and does not end in /api/public/otel/v1/traces: 404
core-doctor-traces-endpoint-path-fix = give the full traces URL, {"{"}host{"}"}/api/public/otel/v1/traces (--fix does)
core-doctor-host-has-otel-path = { $name } includes an /api/public path: Langfuse's SDKs add their own, so requests 404
core-doctor-host-has-otel-path-fix = give the plain Langfuse URL, e.g. https://cloud.langfuse.com (--fix does)
core-doctor-host-no-scheme = { $name } has no http:// or https://
core-doctor-insecure-http = { $name } is plain http to another machine: the secret key travels in clear text
core-doctor-insecure-http-fix = use https:// (the server needs TLS; Langfuse Cloud redirects http)
core-doctor-repair-no-keys = no valid key pair in the file to rebuild the header from
core-doctor-repair-no-url = no usable Langfuse URL in the file

## What the app will see: the environment, settings, other vendors (src/core/effective.rs)

core-fingerprint-not-basic = not a Basic credential
core-fingerprint-no-header = { $count } characters, no header
core-origin-line = { $name } (line { $line } of the .env)
core-origin-file = { $name } (in the .env)
core-origin-environment = { $name } (set in the environment)
core-effective-shadowed = { $name } is already set in the environment ({ $environment }), and python-dotenv load_dotenv() and Node dotenv.config() keep it: the app uses it, not the .env's ({ $file })
core-effective-shadowed-fix = unset { $name } where it is exported (a shell profile, the IDE's run configuration), or load the file with `load_dotenv(override=True)` (Python) / `dotenv.config({"{"} override: true {"}"})` (Node), or start the app with `langfuse-otel run -- <command>`
core-effective-override-endpoint = every OTel SDK sends its traces there instead
core-effective-override-headers = OTel Python and Java send these headers instead (replaced, not merged: without the file's Authorization, 401)
core-effective-override-other = OTel SDKs use it for traces instead
core-effective-in-the-env-file = the .env
core-effective-at-line = line { $line }
core-effective-signal-override = { $specific } is set in the environment ({ $shown }) and overrides { $generic } ({ $at }): { $consequence }
core-effective-signal-override-fix = unset { $specific } where it is exported (a shell profile, the IDE's run configuration), or start the app with `langfuse-otel run -- <command>`, which unsets it; `override=True` does not help, since the .env does not set it
core-effective-unset-where-exported = unset { $name } where it is exported (a shell profile, a Dockerfile ENV, the IDE's run configuration)
core-effective-remove-from-env-file = remove { $name } from the .env
core-effective-sdk-disabled = { $variable }=true: OTel SDKs create no-op tracers, so Traceloop, Langfuse's SDK (built on OTel) and any OTel SDK export nothing
core-effective-traces-exporter-off = { $variable }={ $value }: opentelemetry-instrument, the Node SDK and the Java agent export no traces over OTLP
core-effective-traces-exporter-off-fix = { $unset }, or set it to `otlp`
core-effective-grpc = { $variable }={ $value }: Langfuse accepts OTLP over HTTP only, it has no gRPC endpoint
core-effective-grpc-fix-file = set { $name }=http/protobuf (--fix does)
core-effective-grpc-fix-environment = unset { $name } where it is exported, or set it to http/protobuf
core-effective-protocol-unset = OTEL_EXPORTER_OTLP_PROTOCOL is not set: OTel Java before 2.0, .NET and Python's opentelemetry-instrument then default to gRPC, which Langfuse does not accept
core-effective-protocol-unset-fix = set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf (--fix does)
core-effective-logs-to-404 = { $variable } is Langfuse's generic OTLP base, so an app that also exports OTel logs (the Java agent does by default; Python with logging auto-instrumentation, Node's NodeSDK with a log exporter) sends them to /api/public/otel/v1/logs: 404; metrics to /v1/metrics are accepted and dropped
core-effective-logs-to-404-fix = set OTEL_LOGS_EXPORTER=none and OTEL_METRICS_EXPORTER=none (--fix does), or use OTEL_EXPORTER_OTLP_TRACES_ENDPOINT={"{"}host{"}"}/api/public/otel/v1/traces instead of the generic endpoint
core-effective-datadog = { $variable }: under ddtrace the OTel API's tracer provider is Datadog's, so OTel spans go to the Datadog agent, not to Langfuse
core-effective-datadog-fix = { $unset }, or add Langfuse's exporter to the app's own TracerProvider
core-effective-datadog-variables = DD_TRACE_* variables are set in the environment: an app started with ddtrace-run (or ddtrace's OTel support) may hand its OTel spans to Datadog instead of Langfuse
core-effective-datadog-variables-fix = check that the app's TracerProvider is the one exporting to Langfuse; unset the DD_TRACE_* variables if ddtrace is not meant to trace
core-effective-sentry = { $variable } with tracing on: Sentry's SDK (v2+, built on OTel) may set the global tracer provider first, and spans then go to Sentry, not to Langfuse
core-effective-sentry-fix = initialise Langfuse's exporter on the provider Sentry sets up (or turn Sentry tracing off with SENTRY_TRACES_SAMPLE_RATE=0)
core-effective-logfire = { $variable }: logfire.configure() installs a global tracer provider that sends to Logfire, and a second provider set later is ignored
core-effective-logfire-fix = add Langfuse's exporter to Logfire's provider (logfire.configure(additional_span_processors=[...])), or unset LOGFIRE_TOKEN
core-effective-hosts-disagree = { $family_a } sends to { $host_a } and { $family_b } to { $host_b } with the same keys: keys belong to one region or server, so one of the two fails
core-effective-hosts-disagree-fix = find the right host (the live test tells which family authenticates), then write every family from it with `langfuse-otel setup`

## The .env editor's refusals (src/core/dotenv)

core-dotenv-plain-hint = Write the lines around it as plain KEY=value lines (ASCII keys, values unquoted or in single quotes, no lone carriage return), then run again.
core-dotenv-after-edit-unreadable = line { $line }: after the edit { $reader } could not read the file past this line. { $hint }
core-dotenv-after-edit-changes = line { $line }: the edit would change how { $reader } reads { $key }. { $hint }
core-dotenv-after-edit-misread = line { $line }: after the edit { $reader } would not read { $key } as written. { $hint }
core-dotenv-after-edit-unseen = after the edit { $reader } would not see { $key } at all. { $hint }
core-dotenv-reader-view = { $readers } { $view }
core-dotenv-view-separator = ;{" "}
core-dotenv-then-separator = ,{" "}then{" "}
core-dotenv-editor-reads-otherwise = line { $line }: { $seen }, but langfuse-otel's editor reads these lines otherwise, so it will not edit next to them. { $hint }
core-dotenv-readers-disagree = line { $line }: .env readers disagree here: { $seen }. { $hint }
core-dotenv-view-rejects-file = rejects the whole file (line { $line }: { $message })
core-dotenv-view-stops = stops reading at line { $line }
core-dotenv-view-no-value = { $key } with no value (line { $line })
core-dotenv-view-entry = { $key } (line { $line })
core-dotenv-view-multi-line = a multi-line value of { $key } (lines { $first }-{ $last })
core-dotenv-view-nothing = read no variable there
core-dotenv-view-read = read { $entries }
core-dotenv-hint-lone-cr = Line { $line } has a lone carriage return (\r): python-dotenv and Node dotenv end the line there, dotenvy and docker compose do not. Replace it with a newline.
core-dotenv-hint-invisible = Line { $line } has the invisible character { $character }, which not every reader (nor this editor) takes as a plain space. Replace it with a plain space or delete it.
core-dotenv-hint-rename-key = Rename { $key } to ASCII letters, digits and `_` (Node dotenv and dotenvy read keys only in that form), then run again.
core-dotenv-hint-quotes = Check the quotes from line { $line }: readers close quotes differently (a backslash before a quote, text after a closing quote, a quote never closed). Write such values in single quotes with no backslash or quote inside, or remove the quotes.
core-dotenv-hint-plain-lines = Write the lines from { $line } as plain KEY=value lines (one per line), then run again.
core-dotenv-unportable = cannot write { $key } portably: { $reason }
core-dotenv-unterminated-quote = line { $line } opens a quote that is never closed, so .env readers disagree on where its value ends; close the quote (or remove the line) and run again
core-dotenv-unportable-control = it contains a line break or control character
core-dotenv-unportable-quote = it contains a single quote or backslash together with characters that need quoting
core-dotenv-unportable-interpolation = it contains `${"{"}`, which python-dotenv expands as a variable even inside quotes

## Hosts, keys and extra headers (src/core/host.rs, keys.rs, credential.rs)

core-host-self-hosted = self-hosted — { $url }
core-host-note-stripped-suffix = removed `{ $suffix }` from the URL: give the Langfuse base URL; the OTel paths are added per variable
core-host-note-assumed-https = no scheme given: assumed `https://`
core-host-note-assumed-local-scheme = no scheme given: assumed `{ $scheme }` for a server on this machine
core-host-empty = the Langfuse URL is empty: give one like https://cloud.langfuse.com or use --region
core-host-invalid = `{ $url }` is not a valid URL: give one like https://langfuse.example.com (no spaces, a host name after the scheme)
core-host-unsupported-scheme = `{ $scheme }://` is not supported: Langfuse accepts OTLP over HTTP only, so the URL must start with https:// (or http:// for a local server)
core-host-has-credentials = the URL contains a user name or password: remove it; the tool sends the keys in the Authorization header
core-host-query-or-fragment = the URL has a query string or fragment (`{ $rest }`): give the plain base URL of the Langfuse server
core-host-insecure-http = `{ $url }` uses plain http:// to a host that is not this machine: the secret key would travel in clear text. Use https://, or pass --allow-http if this network is trusted

core-key-note-trimmed = removed spaces or a line break around the { $kind ->
    [public] public key
   *[secret] secret key
}
core-key-note-unquoted = removed the quotes around the { $kind ->
    [public] public key
   *[secret] secret key
}
core-key-note-assignment = pasted as `{ $variable }=...`: kept only the { $kind ->
    [public] public key
   *[secret] secret key
}
core-key-empty = the { $kind ->
    [public] public key
   *[secret] secret key
} is empty: copy it from Langfuse → Project settings → API keys
core-key-swapped = the keys are swapped: the public-key field holds a secret key (sk-lf-...) and the secret-key field holds a public key (pk-lf-...); exchange them
core-key-secret-in-public-field = the public-key field holds a secret key (it starts with sk-lf-): give the public key, which starts with pk-lf-, and keep the secret key for the secret-key field
core-key-public-in-secret-field = the secret-key field holds a public key (it starts with pk-lf-): give the secret key, which starts with sk-lf-
core-key-wrong-prefix = the { $kind ->
    [public] public key
   *[secret] secret key
} does not start with `{ $prefix }`: Langfuse { $kind } keys look like `{ $prefix }1234...`; copy it again from Project settings → API keys
core-key-only-prefix = the { $kind ->
    [public] public key
   *[secret] secret key
} is only its prefix `{ $prefix }`: the rest of the key is missing
core-key-inner-whitespace = the { $kind ->
    [public] public key
   *[secret] secret key
} contains a space or line break at character { $position }: a key is one word; copy it again
core-key-control-character = the { $kind ->
    [public] public key
   *[secret] secret key
} contains a control character at character { $position }: copy it again as plain text
core-key-non-ascii = the { $kind ->
    [public] public key
   *[secret] secret key
} contains a non-ASCII character at character { $position } (often a typographic quote or an invisible character picked up while copying): copy it again as plain text
core-key-colon-in-public-key = the public key contains `:` at character { $position }: Basic authentication splits on the first colon, so the key cannot hold one

core-header-no-equals = `{ $text }` has no `=`: give a header as NAME=VALUE (for example CF-Access-Client-Id=abc)
core-header-bad-name = header name `{ $name }` is not portable: use letters, digits, `-`, `_` and `.` only (every OTel SDK and proxy reads those alike)
core-header-reserved = header `{ $name }` is set by langfuse-otel itself (the Langfuse credential, --ingestion-version, or the exporter); it cannot be given as an extra header
core-header-empty-value = header `{ $name }` has an empty value
core-header-bad-value = the value of header `{ $name }` has a character outside printable ASCII (a control character, a line break or non-ASCII text): HTTP clients refuse such header values, so no SDK could send it
core-header-duplicate = header `{ $name }` is given twice
core-header-underscore = header `{ $name }` has an underscore: nginx (and proxies built on it) drop such headers unless `underscores_in_headers on;` is set; prefer `-`

## A family's settings as its client reads them (src/core/target.rs, vars.rs)

core-target-missing-base-url = { $headers } is set but { $base } is not: the client would send your traces somewhere else ({ $default }); set { $base }={"{"}host{"}"}/api/public/otel
core-target-no-scheme = { $variable }={ $value } has no http:// or https:// scheme: Traceloop then exports over gRPC, which Langfuse does not accept; write https://{ $value }
core-target-bad-url = { $variable } is not a usable URL: { $reason }
core-target-needs-scheme = it needs an http:// or https:// scheme
core-target-grpc = OTEL_EXPORTER_OTLP_PROTOCOL={ $protocol }: Langfuse accepts OTLP over HTTP only; set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
core-target-keys = the LANGFUSE_* keys are not usable: { $error }
core-target-missing-key = LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY must both be set
core-loading-hint-node = load the .env before the OpenTelemetry SDK starts: `node --env-file=.env app.js` (Node 20.6+), or `import 'dotenv/config'` (dotenv) as the first line, then run your app
core-loading-hint-python = load the .env before Traceloop.init() (python-dotenv: load_dotenv()), then run your app
core-signals-need-traces = the signals must include traces: they list what the app exports, and Langfuse takes traces only (for example --signals traces,logs)

## test --arrival (src/core/arrival.rs)

core-arrival-no-v4-header = the exporter sends no `x-langfuse-ingestion-version: 4` header, so Langfuse takes the slow path for its spans (up to about 10 minutes on the v4 data model)
core-arrival-no-v4-header-fix = add `x-langfuse-ingestion-version=4` to the header variable (`langfuse-otel setup` writes it), then run `langfuse-otel test --arrival` again
core-arrival-old-server = this Langfuse is { $version }, older than 3.154: it ignores the v4 ingestion header, and spans wait for its background worker
core-arrival-old-server-fix = upgrade the server, or allow longer: `langfuse-otel test --arrival --arrival-timeout 300`
core-arrival-not-processed = Langfuse accepted the span but has not processed it: on a self-hosted server the worker may be down or unable to reach ClickHouse or Redis; on Cloud, processing may be delayed
core-arrival-not-processed-fix = self-hosted: check the worker (`docker compose logs langfuse-worker`); Cloud: see status.langfuse.com; then run `langfuse-otel test --arrival --arrival-timeout 300`
core-arrival-not-sent = the test span was not accepted: { $cause }
core-arrival-read-back-failed = the test span was accepted, but reading it back failed: { $cause }
core-arrival-never = not visible after { $seconds } s: { $cause }

## The checks (src/checkup.rs)

core-checkup-trace-not-sent = not sent: { $problem }
core-checkup-region-hint = these keys belong to the { $region } region ({ $host }): use --region { $slug }
core-checkup-trace-id = trace id { $id }

## Reading and writing .env files (src/io/envfile.rs)

core-file-kind-directory = a directory
core-file-kind-fifo = a named pipe (FIFO)
core-file-kind-socket = a socket
core-file-kind-char-device = a character device
core-file-kind-block-device = a block device
core-file-kind-other = not a regular file
core-file-symlink = { $path } is a symbolic link (to { $target }): refusing to write through it. Pass --follow-symlinks to write to { $target }, or give the real path
core-file-is-directory = { $path } is a directory, not a file: give the path of the .env file itself, e.g. { $path }/.env
core-file-not-regular = { $path } is { $kind }, not a regular file: refusing to read or replace it. Give the path of a regular .env file
core-file-too-large = { $path } is { $size } bytes, more than the { $limit } MiB a .env may have here: refusing to read it. Is it the right file?
core-file-no-directory = the directory { $path } does not exist: create it first, or choose another --env-file
core-file-not-utf8 = { $path } is not UTF-8 text (invalid byte on line { $line }): refusing to edit it rather than mangle it. Convert it to UTF-8, or choose another --env-file
core-file-read-only = { $path } is read-only (mode { $mode }): refusing to replace it. Make it writable (chmod u+w { $path }) or pass --force
core-file-other-owner = { $path } belongs to { $owner }, not to you ({ $you }): refusing to replace it. Run as its owner, or pass --force (it keeps its owner, group and mode)
core-owner-not-kept = it could not be given its owner { $owner } back ({ $why }): run as that user, or as root outside any user namespace
core-file-locked = { $path } is being written by another process ({ $holder }); gave up after { $seconds } s. Let it finish and run again
core-file-cannot-read = cannot read { $path }: { $error }
core-file-cannot-write = cannot write { $path }: { $error }; the existing file was left as it was
core-io-permission-denied = permission denied (check that you own the file and can write to its directory)
core-io-storage-full = no space left on the device
core-io-read-only-filesystem = the file system is read-only
core-lock-holder-unknown = it holds the lock on { $lock }
core-lock-holder-pid = pid { $pid }, holding the lock on { $lock }
core-file-not-a-regular-file = { $path } is not a regular file
core-file-backup-is-directory = { $path } is a directory, so the previous version cannot be kept there
core-gitignore-line-break = the name { $name } holds a line break, which no .gitignore line can match

## The OS keyring (src/io/secret_store.rs)

core-keyring-unavailable = the OS keyring is not available ({ $cause })
core-kernel-keyring-unavailable = the kernel keyring is not available ({ $cause })
core-keyring-locked = the OS keyring is locked, and unlocking it was refused or needs a prompt this session cannot show
core-keyring-timeout = the OS keyring did not answer within { $seconds } s (locked, with an unlock prompt nobody answered?)
core-keyring-not-found = the OS keyring holds no secret key for profile `{ $profile }`
core-keyring-corrupt = the OS keyring holds something for profile `{ $profile }` that is not a Langfuse secret key
core-keyring-forgotten = the kernel keyring no longer holds the secret key for profile `{ $profile }` (it keeps keys in memory: a reboot or a logout empties it)
core-keyring-cause-kernel = the kernel keyring cannot be used here ({ $cause })
core-keyring-cause-no-bus = no D-Bus session bus in this terminal, so no Secret Service
core-keyring-cause-not-asked = the keyring could not be asked ({ $cause })
core-keyring-cause-no-service = no Secret Service on this session's D-Bus
core-keyring-cause-locked = the keyring is locked and no unlock prompt can be shown
core-keyring-cause-timeout = the keyring did not answer within { $seconds } s (an unlock prompt nobody answered?)
core-keyring-remedy-kernel = keep the secret only in the .env, or Retry the OS keyring
core-keyring-remedy-no-bus = run the wizard in your desktop session (or under `dbus-run-session`) with a keyring running, then Retry
core-keyring-remedy-no-service = start a Secret Service (gnome-keyring-daemon, or KeePassXC with its Secret Service on), then Retry
core-keyring-remedy-locked = unlock the keyring (log in to the desktop, or `gnome-keyring-daemon --unlock`), then Retry
core-keyring-remedy-missing = store the key again by rotating the profile
core-keyring-fix-kernel = pass --no-keyring to keep the secret only in the .env, or start a Secret Service and leave out --kernel-keyring
core-keyring-fix-no-service-kernel = start a Secret Service (gnome-keyring, KeePassXC) in this session, or pass --kernel-keyring to keep the secret in the kernel keyring (in memory: until reboot or logout), or --no-keyring to keep it only in the .env
core-keyring-fix-no-service = start a Secret Service (gnome-keyring, KeePassXC) in this session, or pass --no-keyring to keep the secret only in the .env
core-keyring-fix-locked = unlock the keyring (log in to the desktop session, or `gnome-keyring-daemon --unlock`) and retry, or pass --no-keyring
core-keyring-fix-missing = store the key again with `langfuse-otel rotate` (or `setup`)

## Profiles (src/io/profile.rs)

core-secret-place-keyring = the OS keyring
core-secret-place-kernel-keyring = the kernel keyring (in memory: until reboot or logout)
core-secret-place-env-files = the .env files
core-secret-kept-env-files = only in the .env files
core-secret-kept-in = in { $place }
core-profile-bad-name = `{ $name }` is not a valid profile name: use letters, digits, `-` and `_` (at most 64 characters)
core-profile-not-found-none = no profile named `{ $name }`: there are no profiles yet; create one with `langfuse-otel setup`
core-profile-not-found = no profile named `{ $name }` (profiles: { $profiles })
core-profile-damaged = profile `{ $name }` is damaged ({ $reason }): fix or delete { $path }
core-profile-invalid = profile `{ $name }` is not usable: { $reason }
core-profile-no-config-dir = no configuration directory: set XDG_CONFIG_HOME or HOME
core-profile-io = cannot { $action } { $path }: { $error }
core-profile-other-target = profile `{ $name }` belongs to { $host } (public key { $public_key }), not to { $new_host } (public key { $new_public_key }): use another profile name (`{ $suggestion }` is free), or rotate `{ $name }` to change its keys

## The write pipeline and git (src/apply.rs)

core-list-comma = {", "}
core-and-separator = {" "}and{" "}
core-apply-not-the-repaired-lines = its lines are not the ones the repairs were computed from
core-apply-added-to-gitignore = added to { $path }
core-apply-chmod-600 = chmod 600
core-apply-cannot-chmod = cannot chmod 600 { $path }: { $error }
core-apply-same-file = { $first } and { $second } are the same file: give it once
core-apply-removed-temp-files = removed { $count } { $count ->
    [one] temp file
   *[other] temp files
} left by an interrupted run: { $files }
core-apply-cannot-write = cannot write { $path }: { $error }
core-apply-restored = ; { $files } had already been written and { $count ->
    [one] was put back as it was
   *[other] were put back as they were
}
core-apply-not-restored = ; { $path } could NOT be put back ({ $error }): it holds the new values, its previous version is { $backup }
core-apply-all-as-it-was = ; every file is as it was
core-apply-points-elsewhere = it now points to { $now } instead of { $before }
core-apply-replanned = { $path } changed since it was read (lines other than ours): the update was made on its new content
core-apply-late-change-lost = { $path } was changed in place, in our variables, while it was being replaced: it holds the new values and that change was not kept; check the file
core-apply-late-lines-not-written = cannot write { $path } again with the lines added to it meanwhile: { $error }; it holds the new values, without those lines
core-apply-late-lines-kept = { $path } was written to while it was being replaced: those lines were kept
core-apply-keeps-changing = kept changing while it was being written ({ $attempts } reads): another program is writing it without the lock
core-apply-changed-meanwhile = another program changed { $variables } there meanwhile
core-apply-changed-under-us = { $path } changed since this run read it: { $what }. Nothing was written; run again to use its current content
core-apply-up-to-date = { $path }: already up to date
core-apply-written-new = { $path }: written (new file, mode { $mode })
core-apply-written = { $path }: written (previous version in { $backup })
core-git-cannot-ask-ignore = cannot tell whether git would commit { $path } ({ $why }): fix that, or leave out the .gitignore step
core-gitignore-is-symlink = is a symbolic link (to { $target })
core-gitignore-not-regular = is not a regular file
core-gitignore-too-large = is { $size } bytes
core-gitignore-read-only = is read-only
core-gitignore-other-owner = belongs to { $owner }, not to you
core-gitignore-refused = { $path } { $why }: refusing to rewrite it. Add these lines to it yourself: { $lines }
core-git-added-to-gitignore = added { $files } to { $path }
core-git-tracked = { $path } is tracked by git, so your secret key is in the next commit; .gitignore cannot help: run `git rm --cached { $quoted }`
core-git-no-answer = git gave no answer in time and was stopped: one of the files it reads, such as `core.excludesFile`, may be a FIFO
core-git-failed = git could not read the repository the file is in; `git status` there says why
core-git-cannot-ask = cannot tell whether git would commit { $path } ({ $why })
core-git-would-commit = git would commit { $files } (it holds your secret key)

## HTTP and proxies (src/io/probe.rs)

core-proxy-needs-credentials = it requires proxy credentials (407 Proxy Authentication Required)
core-proxy-bad-gateway = it answered 502 Bad Gateway: it could not reach the server
core-proxy-unavailable = it answered 503 Service Unavailable (the proxy, or the server behind it)
core-proxy-gateway-timeout = it answered 504 Gateway Timeout: the server did not answer it in time
core-proxy-no-tunnel = it refused to open a tunnel to the server (CONNECT not answered with 200)
core-proxy-refused = connection refused
core-proxy-dns = { $host } does not resolve
core-proxy-timeout = no answer in time
core-probe-client-failed = cannot start the { $kind } client: { $cause }

## Exit codes (src/core/exit.rs: `help exit-codes`; the README table stays English)

core-exit-failure = unexpected failure, or standard output could not be written (a reader that closed the pipe early: exit 1 without a message)
core-exit-needs-confirmation = a non-interactive run would replace existing values: re-run with `--yes`
core-exit-keys-rejected = live test: keys rejected (401 "Invalid credentials"; a hint names the region that knows them)
core-exit-header-rejected = live test: Authorization header missing or malformed (401 "No authorization header" / "Invalid authorization header")
core-exit-access-denied = live test: the keys may not send traces (403: organization key, ingestion suspended) or belong to no project
core-exit-not-found = live test: wrong path or a server without the OTel endpoint (404 page, 405); the URL tried is shown
core-exit-rejected = live test: another 4xx, or a server at that URL that is not Langfuse
core-exit-not-visible = `test --arrival`: the test span was not visible in Langfuse by `--arrival-timeout` (or could not be sent or read back); the likely cause is named
core-exit-regions-unreachable = `--region auto`: no region could be reached (offline, or every region failed with a network or server error)
core-exit-keyring-unavailable = the OS keyring is not available (no Secret Service or D-Bus session)
core-exit-keyring-locked = the OS keyring is locked (an unlock needs a prompt this session cannot show)
core-exit-secret-not-found = the keyring (or, with `--no-keyring`, the recorded .env files) holds no usable secret for the profile
core-exit-problems-found = `doctor`: the static checks found an error; `doctor` and `test`: the environment or a setting means the app would not export what the .env says (no live test failed first)
core-exit-invalid-input = invalid input: a host, a key, a value no `.env` dialect reads portably, a non-UTF-8 file, a .env that is not a regular file (FIFO, socket, device) or is over 4 MiB, more than 64 KiB on standard input; in `test`, a family that cannot be tested as written (no scheme, gRPC, plain http to another machine)
core-exit-cannot-read = a file (or standard input) could not be read: missing, a directory, no permission
core-exit-cannot-write = a file could not be written (symlink, directory, missing directory, read-only or another user's file without `--force`, I/O error); every file is as it was
core-exit-conflict = a .env changed under the run in one of our variables, or another process held its lock too long: nothing was written; run again
core-exit-cannot-run = `run`: the command is not executable; otherwise `run` exits with the command's own status (128 + N when signal N ended it)
core-exit-ok = success
core-exit-usage = usage: a wrong or missing argument (a missing key, no region or host)
core-exit-redirected = live test: the URL redirects (not followed; the target is shown)
core-exit-server-error = live test: 5xx after the retries
core-exit-dns = live test: the host name does not resolve (DNS)
core-exit-refused = live test: connection refused
core-exit-tls = live test: TLS handshake failed (the cause is shown)
core-exit-timeout = live test: no answer within the timeout
core-exit-network = live test: connection reset, or another network failure
core-exit-proxy = live test: the proxy failed
core-exit-no-region = `--region auto`: no region accepts the keys
core-exit-several-regions = `--region auto`: more than one region accepts the keys
core-exit-keyring-timeout = the OS keyring did not answer within `--keyring-timeout`
core-exit-profile-not-found = no such profile, or a damaged one
core-exit-command-not-found = `run`: the command was not found

## export refusals (src/core/formats.rs)

core-export-docker-multi-line = it spans several lines, and docker reads one variable per line
core-export-docker-trailing-cr = it ends with a carriage return, which docker drops at the end of a line
core-export-docker-quoted = it starts and ends with the same quote, which newer docker releases remove and older ones keep
core-export-docker-too-long = the line would be longer than docker's 64 KiB limit
core-export-github-trailing-cr = it ends with a carriage return, which Windows runners drop before a line break
core-export-nul = it contains a NUL byte, which no environment variable can hold
core-probe-bad-url = `{ $url }` is not a valid URL: { $error }

## Logging (src/io/logging.rs)

core-log-bad-filter = RUST_LOG={ $spec } is not a filter this tool reads ({ $error }): nothing is logged; use e.g. RUST_LOG=langfuse_otel=debug, or -v

## Python and JavaScript clients reading one .env (src/core/dotenv/readers)

core-clients-only-python = python-dotenv reads { $name } (line { $line }), Node dotenv does not see it
core-clients-only-node = Node dotenv reads { $name } (line { $line }), python-dotenv does not see it
core-clients-different-values = python-dotenv and Node dotenv read different values for { $name }

## Region names in sentences (src/core/host.rs)

core-region-eu = EU (Langfuse Cloud)
core-region-us = US (Langfuse Cloud)
core-region-jp = Japan (Langfuse Cloud)
core-region-hipaa = HIPAA (Langfuse Cloud)
core-region-local = Local (self-hosted on this machine)

## Header lists read strictly (src/core/credential.rs) and a profile's secret (src/io/profile.rs)

core-header-list-no-equals = entry { $index } of the header list has no `=` between the header name and its value
core-header-list-bad-name = entry { $index } of the header list has an empty or invalid header name
core-header-list-unencoded = entry { $index } of the header list has a character that must be percent-encoded (a space, quote, comma, semicolon or backslash) at character { $position } of its value
core-header-list-bad-escape = entry { $index } of the header list has a malformed percent escape (a `%` not followed by two hex digits)
core-header-list-not-utf8 = entry { $index } of the header list does not decode to UTF-8 text
core-profile-secret-gone = profile `{ $profile }` keeps its secret key only in its .env files, and none of them holds it any more: run `langfuse-otel rotate --profile { $profile }`
core-profile-header-gone = profile `{ $profile }` has an extra header whose value is no longer in the keyring or its .env files: run `langfuse-otel setup --profile { $profile } --header NAME=VALUE ...` again
