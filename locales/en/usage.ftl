# clap's usage errors, reworded from their context (src/usage_error.rs). English output uses
# clap's own text; these English messages say the same and are the fallback of the Chinese ones.
usage-error = error: { $message }
usage-unknown-argument = unexpected argument '{ $argument }' found
usage-unknown-subcommand = unrecognized subcommand '{ $subcommand }'
usage-value-missing = a value is required for '{ $argument }' but none was supplied
usage-invalid-value = invalid value '{ $value }' for '{ $argument }'
usage-because = : { $reason }
usage-possible-values = [possible values: { $values }]
usage-used-twice = the argument '{ $argument }' cannot be used multiple times
usage-conflict = the argument '{ $argument }' cannot be used with '{ $others }'
usage-missing-arguments = the following required arguments were not provided:
usage-missing-subcommand = '{ $command }' requires a subcommand but one was not provided
usage-subcommands = [subcommands: { $values }]
usage-no-equals = equal sign is needed when assigning values to '{ $argument }'
usage-too-many-values = unexpected value '{ $value }' for '{ $argument }' found; no more were expected
usage-too-few-values = { $expected } values required by '{ $argument }'; only { $actual } provided
usage-wrong-number-of-values = { $expected } values required for '{ $argument }' but { $actual } provided
usage-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
usage-similar-subcommand = a similar subcommand exists: '{ $similar }'
usage-similar-argument = a similar argument exists: '{ $similar }'
usage-similar-value = a similar value exists: '{ $similar }'
usage-pass-as-value = to pass '{ $value }' as a value, use '{ $escaped }'
usage-tip = tip: { $tip }
usage-line = Usage: { $usage }
usage-more = For more information, try '--help'.
usage-list-separator = {"', '"}
