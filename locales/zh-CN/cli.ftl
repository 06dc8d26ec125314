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

## 运行结束（src/exit.rs、src/main.rs）
cli-error = 错误：{ $message }
cli-error-stdout = 错误：无法写入标准输出：{ $error }
cli-warning = 警告：{ $message }
cli-exit-codes-heading = langfuse-otel 的退出码（所有命令都一样）：

## help（src/commands/help.rs）
cli-help-topics-heading = 帮助主题（langfuse-otel help <主题>）：
cli-help-topic-exit-codes = 每个退出码的含义（所有命令都一样）
cli-help-topic-environment = langfuse-otel 读取的环境变量
cli-help-unknown = 没有 `{ $topic }` 的帮助：`langfuse-otel help` 会列出所有命令和主题（exit-codes、environment）
cli-help-environment =
    langfuse-otel 读取的环境变量：

      LANGFUSE_OTEL_PROFILE
          没给 --profile 时使用的配置档（默认：`default`），适用于所有接受 --profile 的命令。

      LANGFUSE_PUBLIC_KEY
          没给 --public-key 时使用的公钥（setup、encode、rotate）。

      LANGFUSE_SECRET_KEY
          没给 --secret-key-stdin 时使用的私钥（setup、encode、rotate）。私钥绝不通过命令行参数
          传入，否则 `ps` 就能看到它。

      TRACELOOP_*, OTEL_EXPORTER_OTLP_*, LANGFUSE_*
          没有 ./.env 也没给 --env-file 时，`test` 和 `doctor` 检查的就是这些变量。`run` 会为它
          运行的命令设置它们（替换已经设置的值，除非加了 --keep-env）。

      HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY（或小写）
          在线测试使用的代理，读法与 curl 相同；测试结果旁会显示实际使用的代理。

      XDG_CONFIG_HOME
          配置档存放在 $XDG_CONFIG_HOME/langfuse-otel/profiles（Linux 上默认为 ~/.config；其他
          平台用各自的配置目录）。

      DBUS_SESSION_BUS_ADDRESS
          保存私钥的 Secret Service 所在的 D-Bus 会话（Linux）。没有它，密钥环就用不了（退出码
          40）：请加 --no-keyring，或者启动一个会话。

      SSL_CERT_FILE, SSL_CERT_DIR
          额外信任的 https 根证书（公司的 TLS 代理）。

      NO_COLOR
          设为任意非空值：向导不使用颜色。

      LANGFUSE_OTEL_REGION_HOSTS
          `eu=URL,us=URL,jp=URL,hipaa=URL,local=URL`：把指定区域指向别的地址（测试、镜像）。
          正常使用时从不需要。

## man（src/commands/completions.rs）
cli-man-cannot-render = 无法生成手册页：{ $error }
cli-man-no-subcommand = 没有子命令 `{ $name }`：`langfuse-otel --help` 里有完整列表
cli-man-wrote = 已写入 { $path }
