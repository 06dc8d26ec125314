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
