# 各子命令面向人的输出（src/commands、src/main.rs）。JSON 输出不翻译。

## --help 里 clap 自带的词
help-heading-usage = 用法:
help-heading-options = 选项
help-heading-arguments = 参数
help-heading-commands = 命令
help-flag-help = 显示帮助（--help 显示更详细的说明）
help-flag-help-long = 显示帮助（-h 只显示摘要）
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

## 各命令共用（src/commands/mod.rs）
cli-note = 提示：{ $message }
cli-no-terminal = 提示：这里没有终端，所以不启动向导：请在终端里运行 `langfuse-otel`，脚本里则用 `langfuse-otel setup --non-interactive ...`
cli-setup-no-terminal = 提示：这里没有终端，所以不启动向导：请在终端里运行 `langfuse-otel setup`，或者用选项给出所有答案（`setup --non-interactive --region ... --public-key ... --secret-key-stdin`，见上文）
cli-setup-no-wizard-field = 提示：给了 { $flags }，向导里没有对应的选项：改为不用向导运行，与 --non-interactive 相同；其余答案也请都用选项给出
cli-plain-http = 警告：{ $host } 是发往其他机器的明文 HTTP：私钥会以明文传输
cli-no-public-key = 没有给出公钥：请加 --public-key pk-lf-...，或者设置 LANGFUSE_PUBLIC_KEY
cli-no-secret-key = 没有给出私钥：请用 --secret-key-stdin 从管道传入，或者设置 LANGFUSE_SECRET_KEY（私钥绝不通过命令行参数传入，否则 `ps` 就能看到它）
cli-secret-stdin-is-terminal = --secret-key-stdin：标准输入是终端，而 --non-interactive 从不提示输入：请从管道传入私钥（printf '%s' "$SECRET" | langfuse-otel ...），或者设置 LANGFUSE_SECRET_KEY
cli-secret-prompt = 私钥（sk-lf-...，输入不显示）：
cli-secret-unreadable-terminal = 无法从终端读取私钥：{ $error }
cli-secret-unreadable-stdin = 无法从标准输入读取私钥：{ $error }（必须是 UTF-8 文本）
cli-secret-stdin-too-long = 标准输入超过 { $kib } KiB，而私钥不到 100 字节：请只传入私钥本身
cli-format-unwritable = 无法以 { $format } 格式写出 { $name }：{ $reason }（请换一个 --format）
cli-dotenv-unwritable = { $name } 无法写成各种 .env 读取器都读得一致的形式：{ $reason }
cli-stdout-unwritable = 无法写入标准输出：{ $error }
cli-read-not-utf8 = { $name } 不是 UTF-8 文本（第 { $line } 行有无效字节）：各个 .env 读取器会读出不同的结果；请把它转成 UTF-8
cli-read-directory = { $name } 是目录，不是文件：请给出 .env 文件本身，例如 { $name }/.env
cli-read-no-directory = { $name } 不存在（它所在的目录也不存在）
cli-read-failed = 无法读取 { $name }：{ $error }
cli-read-missing = { $name } 不存在：请给出一个已有 .env 的路径

## 在线测试的报告（src/commands/live.rs）
cli-live-runtime = 无法启动异步运行时：{ $error }
cli-live-server-runtime = 无法启动运行时：{ $error }
cli-live-label = 在线测试
cli-live-via-proxy = {"  "}经由代理 { $proxy }（HTTPS_PROXY / HTTP_PROXY；NO_PROXY 可绕过）
cli-live-tries = ，试了 { $count } 次
cli-live-fix = {"  "}修复方法：{ $fix }
cli-live-region-hint = {"  "}提示：这对密钥属于 { $region } 区域（{ $host }），{ $project }：请用 --region { $slug }
cli-live-asking-regions = 正在逐个询问 Langfuse Cloud 的各个区域，看哪个认识这对密钥：
cli-live-regions-unreachable = 连不上任何一个 Langfuse Cloud 区域（网络故障或服务器错误），所以无法确定密钥所属的区域：请检查网络后重试，或者用 --region 指定区域
cli-live-no-region = Langfuse Cloud 的所有区域都不认这对密钥：请检查公钥和私钥（项目设置 → API keys），自托管的服务器请用 --host 指定
cli-live-several-regions = 不止一个区域认这对密钥（{ $regions }）：请用 --region 选一个

## setup（src/commands/setup.rs）；文件的变更计划 rotate 也用
cli-setup-no-host = 你的 Langfuse 在哪里？请加 --region eu|us|jp|hipaa|local|auto，自托管的服务器请加 --host URL
cli-setup-node-project = 提示：发现了 package.json，这是 Node 项目，所以写入 otel 和 langfuse 变量组（OTel JS 和 Langfuse JS SDK 读取的变量）；要换别的请用 --vars
cli-setup-langfuse-headers = 提示：Langfuse 自家的 SDK 不读取任何请求头变量：请在应用里用到它们的地方，在代码中传入额外请求头（Python：Langfuse(additional_headers=...)，JS：additionalHeaders）
cli-setup-label-keys = 密钥
cli-setup-label-families = 变量组
cli-setup-label-signals = 信号
cli-setup-label-headers = 请求头
cli-setup-label-keyring = 密钥环
cli-setup-label-profile = 配置档
cli-setup-signals-traces-only = （关闭 logs 和 metrics 导出器）
cli-setup-signals-traces-specific = （使用 traces 专用变量；其余信号仍发往应用自己的端点）
cli-test-span = 测试 span
cli-test-span-sent = 已发送：{ $link }
cli-setup-live-test-failed = 在线测试失败（{ $cause }）：没有写入任何东西。修复后重新运行，或者加 --write-anyway
cli-setup-write-anyway = 警告：在线测试失败，但仍然写入（--write-anyway）
cli-setup-skip-test = 警告：没有做在线测试（--skip-test）：服务器能连上以后，请运行 `langfuse-otel test`
cli-setup-no-env-file = 不写 .env 文件（--no-env-file）：所有信息都在配置档和密钥环里。
cli-setup-needs-yes = 标记为“替换”的值在文件里已经有了，而且和新值不同；没有写入任何东西。加 --yes 重新运行即可替换（每个文件的当前版本会保留为 <file>.bak）
cli-setup-keyring-available = 可用
cli-setup-dry-run-keyring = 试运行：真正运行时会在这里停下，不写入任何东西：系统密钥环无法保存私钥：{ $error }。{ $fix }
cli-setup-dry-run = 试运行：没有写入任何东西。
cli-setup-cannot-store-secret = 无法保存私钥：{ $error }。没有写入任何东西；{ $fix }
cli-setup-cannot-store-headers = 无法保存额外请求头：{ $error }。没有写入任何东西；{ $fix }
cli-setup-gitignore-fix = ；加 --gitignore 重新运行，就会把它加进 .gitignore
cli-setup-profile = { $name }（私钥{ $kept }）
cli-setup-next-run = 用 `langfuse-otel run --profile { $profile } -- <command>` 运行你的应用，或者用 `langfuse-otel export` 打印这些变量
cli-setup-next = 下一步：{ $next }。
cli-setup-other-form-specific = 它还设置了 { $left }，OTel SDK 会用它而不用 { $written }：请删掉那一行，或者用 --signals 列出应用的其他信号后重新运行 setup
cli-setup-other-form-generic = 它还设置了 { $left }，所以应用的其他信号仍会发到那里：如果它指向 Langfuse，请删掉那一行
cli-setup-exporter-none = 它还设置了 { $name }=none，这会在应用里关掉这个信号：请删掉那一行
cli-setup-profile-elsewhere = 配置档 `{ $name }` 属于 { $host }（公钥 { $public_key }），而这次设置的是 { $new_host }：没有写入任何东西。请用 --profile NAME 另选一个配置档，用 `langfuse-otel rotate --profile { $name }` 更换那个配置档的密钥，或者加 --yes 新建配置档 `{ $free }`
cli-setup-profile-new = 提示：配置档 `{ $name }` 属于 { $host }；这次设置记录为新的配置档 `{ $free }`
cli-plan-would-create = 将会新建
cli-plan-to-create = 待新建
cli-plan-up-to-date = 已是最新
cli-plan-would-change = 将会修改
cli-plan-to-update = 待更新
cli-plan-add = 新增
cli-plan-replace = 替换
cli-plan-keep = 保留
cli-plan-lines = {"  "}（{ $count } 行）
cli-setup-readable = 警告：{ $path } 其他用户也能读（权限 { $mode }），而里面有私钥：请运行 chmod 600 { $path }
cli-setup-unchanged = { $path }：未改动
cli-setup-tightened = 提示：已把 { $path } 的权限从 { $old } 收紧到 { $new }：里面有私钥

## test（src/commands/test.rs）
cli-test-source-environment = 环境变量
cli-test-source-profile = 配置档 { $name }
cli-test-nothing-to-test = { $source }：没有可测试的 TRACELOOP_*、OTEL_EXPORTER_OTLP_* 或 LANGFUSE_* 变量；请用 `langfuse-otel setup` 生成
cli-test-as-the-app-sees-it = { $source } — 应用实际看到的情况：
cli-test-tested = 测试了 { $count } 个变量组，用时 { $elapsed }。
cli-test-passes-but-app-would-not = 在线测试通过了，但应用并不会按测试的配置导出：请看上面列出的问题（加 --no-env 只检查文件本身）
cli-test-failed-for = { $families } 的在线测试失败：修复方法见上文
cli-test-ok = 通过
cli-test-failed = 失败
cli-test-dropped-header = {"  "}! 会被严格的解析器丢掉（OTel Python，因而 Traceloop Python 也是）：{ $header }
cli-test-hint = {"  "}提示：{ $hint }
cli-test-test-span = {"  "}测试 span：{ $trace }
cli-arrival-label = 到达
cli-arrival-reads = 读取 { $count } 次
cli-arrival-visible = 测试 span 在 { $after } 后可查到
cli-arrival-not-visible = 等了 { $waited }，测试 span 仍查不到
cli-arrival-not-proven = 无法确认测试 span 已到达
cli-arrival-trace-id = {"    "}trace 的 ID：{ $id }
cli-arrival-cause = {"  "}原因：{ $cause }

## rotate（src/commands/rotate.rs）
cli-rotate-no-such-flag = rotate 只更换密钥，配置档的主机和变量组保持不变，所以没有 { $flag } 选项。要修改它们，请运行 `langfuse-otel setup --profile { $name } { $flag } ...`（它会询问密钥、在线测试，并重写配置档的 .env 文件），之后再照常轮换。
cli-rotate-rotating = 正在轮换配置档 `{ $name }` 的密钥，主机 { $host }（{ $old } → { $new }）
cli-rotate-file-gone = 文件已经不存在了（运行 `langfuse-otel setup --profile { $name } --env-file { $path }` 可重新写出）
cli-rotate-other-host = 它的主机是 { $other }，不是配置档的 { $host }：{ $host } 的新密钥在那里用不了（请用那个文件自己的配置档来轮换）
cli-rotate-skipped = 警告：{ $path }：{ $reason }：已跳过
cli-rotate-will-rewrite = {"  "}将重写 { $path }（主机 { $host }）
cli-rotate-nothing-to-rewrite = 配置档 `{ $name }` 的私钥只保存在 .env 文件里，而这些文件都无法重写：请运行 `langfuse-otel setup --profile { $name }`
cli-rotate-holds-new = 新的私钥已存入{ $place }。
cli-rotate-revoke = 旧密钥 { $old } 在你撤销之前仍然有效：{ $revoke_at }
cli-rotate-revoke-page = { $host } → 你的项目 → Settings → API Keys

## run、export、encode、sandbox、向导结束时
cli-run-no-command = 请在 `--` 之后给出要运行的命令
cli-run-kept = 提示：保留环境里已有的值（--keep-env）：{ $variables }
cli-run-unset = 提示：已为该命令取消设置这些变量，否则 OTel SDK 会用它们而不用配置档的值：{ $variables }
cli-run-not-found = 无法运行 `{ $name }`：没有这个命令（请检查命令名和 PATH）
cli-run-permission-denied = 无法运行 `{ $name }`：权限不足（它有可执行权限吗？）
cli-run-failed = 无法运行 `{ $name }`：{ $error }
cli-export-terminal = 拒绝把私钥打印到终端，否则它会留在滚动记录里：请用管道或重定向输出（`langfuse-otel export > file`），或者加 --force
cli-encode-region-auto = --region auto 需要在线测试，而 encode 不做在线测试：请指定区域，或者用 `langfuse-otel setup --region auto`
cli-encode-no-host = 提示：没有给出 --region 或 --host：不输出基础 URL 变量
cli-sandbox-keys-from-env = --keys-from-env 需要设置 { $variable }=pk-lf-...:sk-lf-...
cli-sandbox-cannot-listen = 无法监听 127.0.0.1:{ $port }：{ $error }
cli-wizard-terminal-failed = 终端出错：{ $error }
cli-wizard-profile-saved = 配置档 { $profile } 已保存；以后可以用 `langfuse-otel rotate --profile { $profile }` 轮换密钥
cli-wizard-left = 已退出向导；没有再写入任何东西。
cli-wizard-interrupted = 已中断；没有再写入任何东西。

## doctor（src/commands/doctor.rs）；doctor 和 test 打印问题的格式
cli-doctor-profile-without-env-file = 配置档 `{ $name }` 设置时没有写 .env 文件（`langfuse-otel setup --no-env-file`）：请用 `langfuse-otel test --profile { $name }` 在线测试它
cli-doctor-fix-environment = 提示：--fix 只改写文件；这些变量来自环境变量，请到设置它们的地方去修改
cli-doctor-nothing-to-check = { $source }：没有可检查的 TRACELOOP_*、OTEL_EXPORTER_OTLP_* 或 LANGFUSE_* 变量；请用 `langfuse-otel setup` 生成
cli-doctor-live-failure = 有变量组无法通过认证：修复方法见上文
cli-doctor-problems = 配置有问题：修复方法见上文（--fix 能修复的会自动修复）
cli-doctor-fix-changes = { $name }：--fix 会做这些修改
cli-doctor-secret-hidden = （私钥，不显示）
cli-doctor-rewritten = 提示：已改写 { $name }；之前的版本保存在 { $backup }
cli-doctor-no-problems = {"  "}✓ 静态检查没有发现问题
cli-doctor-fixed = {"  "}已修复：{ $variables }
cli-doctor-fix-failed = {"  "}--fix 无法重新生成这些值：{ $error }
cli-doctor-verdicts-offline = 结论（离线：未做在线测试）：
cli-doctor-verdicts = 结论：
cli-doctor-static-pass = ✓ 静态检查通过
cli-doctor-warnings = ! { $count } 个警告
cli-doctor-errors = ✗ { $count } 个问题
cli-doctor-live-ok = {" "}· ✓ 在线认证通过
cli-doctor-live-failed = {" "}· ✗ 在线测试失败
cli-doctor-live-untested = {" "}· 未做在线测试
cli-finding-line = 第 { $line } 行：
cli-finding-wins-with = {"      "}在这些读取方式下生效：{ $loaders }
cli-finding-loses-with = {"      "}在这些读取方式下被覆盖：{ $loaders }
cli-finding-fix = {"      "}修复方法：{ $fix }

## explain（src/commands/explain.rs）
cli-explain-no-line = 没有错误行：请作为参数（加引号）或从标准输入给出，例如 `langfuse-otel explain 'Failed to export batch code: 401, reason: ...'`
cli-explain-unrecognised = 没认出这是导出器的错误；还需要：{ $needed }
cli-explain-no-line-terminal = 没有错误行：请作为参数（加引号）给出，或者用管道传入：`pbpaste | langfuse-otel explain`
cli-explain-stdin-unreadable = 标准输入：{ $error }
cli-explain-stdin-too-long = 标准输入超过了 { $kib } KiB：请只给出错误行本身，不要整个日志
cli-explain-env-file-missing = { $path } 不存在：请用 --env-file 给出应用加载的 .env，或者加 --no-env-file
cli-explain-not-recognised = ✗ 没认出这是导出器的错误
cli-explain-would-help = {"  "}还需要：{ $needed }
cli-explain-recognised = ✓ 已识别：{ $read }
cli-explain-cause = {"  "}原因：{ $cause }
cli-explain-fix = {"  "}解决办法：{ $fix }
cli-explain-no-env-file = {"  "}（没有检查 .env：在应用的目录里运行，或者加 --env-file PATH，就能看到要改的那一行）
cli-explain-nothing-in-env-file = { $env_file }：静态检查没发现会导致这个错误的内容；请用 `langfuse-otel test --env-file { $env_file }` 在线测试
cli-explain-lines-to-change = { $env_file }：要改的行
cli-explain-place-line-variable = 第 { $line } 行，{ $variable }
cli-explain-place-line = 第 { $line } 行
cli-explain-place-file = 文件
cli-explain-finding = {"  "}{ $place }：{ $cause }
cli-explain-finding-fix = {"    "}修复方法：{ $fix }

## profiles（src/commands/profiles.rs）
cli-profiles-keyring-timeout = 系统密钥环没有及时响应（--keyring-timeout）
cli-profiles-none = 还没有配置档（查找位置：{ $dir }）：请用 `langfuse-otel setup` 创建一个。
cli-profiles-not-usable = 暂时无法使用：{ $names }（见上文）
cli-profiles-host = 主机
cli-profiles-public-key = 公钥
cli-profiles-families = 变量组
cli-profiles-secret-key = 私钥
cli-profiles-in-keyring = 系统密钥环
cli-profiles-in-env-files = 只在它写过的 .env 文件里
cli-profiles-reachable = { $place } — 可以读取 ✓
cli-profiles-unreachable = { $place } — 无法读取 ✗：{ $error }
cli-profiles-missing = {"  "}（文件不见了）
cli-profiles-created = 创建于 { $time }
cli-profiles-rotated = ，轮换于 { $time }
cli-profiles-last-tested = ，最近测试于 { $time }
cli-profiles-cell-damaged = ✗ 已损坏
cli-profiles-cell-keyring = ✓ 密钥环
cli-profiles-cell-env-only = ✓ 仅 .env
cli-profiles-cell-unreachable = ✗ 无法读取
cli-profiles-cell-missing = { $files }（缺 { $missing } 个）
cli-profiles-cell-authenticates = ✓ 认证通过
cli-profiles-cell-failed = ✗ { $problem }（退出码 { $code }）
cli-profiles-cell-not-tested = 未测试
cli-profiles-column-profile = 配置档
cli-profiles-column-host = 主机
cli-profiles-column-project = 项目
cli-profiles-column-keyring = 密钥环
cli-profiles-column-files = 文件
cli-profiles-column-result = 结果
cli-profiles-remove-needs-yes = 删除配置档 `{ $name }` 会永久删除它在密钥环里的条目：请加 --yes 重新运行以确认（这里没有终端可以询问）
cli-profiles-remove-and-secret = ，以及它存在{ $place }里的私钥
cli-profiles-remove-ask = 删除配置档 `{ $name }`（{ $host }）{ $place }？[y/N]{" "}
cli-profiles-kept = 已保留配置档 `{ $name }`。
cli-profiles-remove-failed = { $error }；配置档已保留，以免在密钥环里留下残余
cli-profiles-removed = 已删除配置档 `{ $name }`。
cli-profiles-removed-with-secret = 已删除配置档 `{ $name }`，以及它存在{ $place }里的私钥。
cli-profiles-files-keep-key = 提示：它写过的 .env 文件里仍然有密钥：{ $files }
cli-profiles-unusable = 配置档 `{ $name }` 无法使用：{ $error }

## demo（src/commands/demo.rs）
cli-demo-cannot-start = 无法启动沙箱：{ $error }
cli-demo-wizard-done = 演示：{ $url } 上的沙箱（演示密钥，现已停止）共收到 { $count } 次 OTLP 导出。正式使用请运行：langfuse-otel
cli-demo-intro = langfuse-otel demo：对本机上的沙箱 Langfuse 完整走一遍设置流程。
cli-demo-step-sandbox = 1. 一个与 Langfuse 兼容的沙箱正在监听 { $url }
cli-demo-step-sandbox-keys = {"   "}演示密钥为 { $public } / { $secret }。
cli-demo-step-setup = 2. setup 先在线测试，再写入变量：
cli-demo-step-test = 3. 测试写出的文件，每个变量组单独测试，并发送一个测试 span：
cli-demo-step-received = 4. 沙箱共收到 { $count } 次 OTLP 导出；其中 { $exact } 次带的正是 `Authorization: Basic base64(pk:sk)`。
cli-demo-your-env = 你的 .env 在 { $path }，可以打开看看。正式使用时：
cli-demo-for-real = {"   "}$ langfuse-otel setup                 （或者：setup --non-interactive --region eu|us|jp|hipaa|auto ...）
cli-demo-bug = 沙箱收到了一次带着别的 Authorization 请求头的导出：这是个 bug
cli-demo-no-temp-dir = 无法创建临时目录：{ $error }

## 各命令报告密钥环失败的方式（src/exit.rs）
cli-keyring-error = { $error }：{ $fix }
cli-keyring-unavailable-fix = 请在这个会话里启动一个 Secret Service（gnome-keyring、KeePassXC），或者用 `langfuse-otel setup --no-keyring` 重新设置配置档，让私钥只保存在 .env 里
cli-keyring-locked-fix = 请解锁密钥环（登录桌面会话，或者运行 `gnome-keyring-daemon --unlock`）后重试
cli-secret-not-found = { $error }：请用 `langfuse-otel rotate --profile { $profile }` 重新保存

## clap 检查的取值（src/cli.rs）
cli-lang-unknown = langfuse-otel 不支持 `{ $value }` 这种语言：请用 { $choices }
cli-seconds-invalid = 应为秒数，大于 0 且不超过 600
cli-ingestion-version-invalid = 应为 1 到 { $max } 之间的数字，或 `none`（Langfuse 不接受高于 { $max } 的版本）
cli-lang-or = {" "}或{" "}
cli-setup-several-env-files = --env-file（多于一个）
