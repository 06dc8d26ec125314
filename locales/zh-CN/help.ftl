# --help 的中文：英文原文是 src/cli.rs 里的文档注释，这里按命令路径和参数 id 对应
# （规则见 src/cli.rs 的 localized_command；tests/i18n.rs 检查每一条都有翻译）。
# help-<路径>-about、help-<路径>-long-about、help-<路径>-after-help、help-<路径>--<参数>、
# help-<路径>--<参数>-long；根命令的路径是 root。
