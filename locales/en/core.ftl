# Messages of the pure domain and the IO edges (src/core, src/io, src/apply.rs, src/checkup.rs,
# src/exit.rs): diagnoses, doctor findings, explain, refusals and errors. English is the source;
# every id here has a translation in locales/zh-CN/core.ftl (tests/i18n.rs checks it).
# Ids: `core-<area>-<what>`. Arguments: `{ $name }`; Fluent syntax: https://projectfluent.org/

core-language-name = English
core-language-example = { $count ->
    [one] 1 line of { $path }
   *[other] { $count } lines of { $path }
}
