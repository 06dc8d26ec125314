# The wizard (src/tui): screens, key hints, status lines. Ids: `wiz-<screen>-<what>`.
# Every id has a translation in locales/zh-CN/wizard.ftl.
