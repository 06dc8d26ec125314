# 核心与 IO 层的消息（src/core、src/io、src/apply.rs、src/checkup.rs、src/exit.rs）。
# 与 locales/en/core.ftl 一一对应：同样的 id，同样的参数。

core-language-name = 简体中文
core-language-example = { $path } 的 { $count } 行
