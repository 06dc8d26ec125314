# 各子命令面向人的输出（src/commands、src/main.rs）。JSON 输出不翻译。

## --help 里 clap 自带的词
help-heading-usage = 用法:
help-heading-options = 选项
help-heading-arguments = 参数
help-heading-commands = 命令
help-flag-help = 显示帮助（--help 显示更详细的说明）
help-flag-version = 显示版本号
help-note-values = ［可选值：{ $values }］
help-note-default = ［默认：{ $value }］
help-note-env = ［环境变量：{ $variable }］
