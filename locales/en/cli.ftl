# The commands' human output (src/commands, src/main.rs). JSON output is never translated.
# Ids: `cli-<command>-<what>`. Every id has a translation in locales/zh-CN/cli.ftl.

## --help: clap's own words. English help uses clap's; these are their counterparts, used with
## the Chinese help (src/cli.rs, localize).
help-heading-usage = Usage:
help-heading-options = Options
help-heading-arguments = Arguments
help-heading-commands = Commands
help-flag-help = Print help (see more with '--help')
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
