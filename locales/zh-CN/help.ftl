# --help 的中文：英文原文是 src/cli.rs 里的文档注释，这里按命令路径和参数 id 对应
# （规则见 src/cli.rs 的 localized_command；tests/i18n.rs 检查每一条都有翻译）。
# help-<路径>-about、help-<路径>-long-about、help-<路径>-after-help、help-<路径>--<参数>、
# help-<路径>--<参数>-long；根命令的路径是 root。

## 多个命令共用的说明（Fluent 的 term，以 - 开头，不单独显示）
-allow-http = 允许对本机以外的主机使用明文 http://（密钥会以明文传输）
-connect-timeout = 等待建立连接的秒数
-timeout = 单个请求最多花费的秒数，含建立连接（遇到 5xx 和连接重置会重试两次）
-send-test-trace = 测试通过后，发送一个名为 "langfuse-otel test span" 的 span，并打印它的链接
-no-env = 只检查 .env 本身。默认还会读取本进程环境里已经设置的变量：python-dotenv 的 load_dotenv() 和 Node 的 dotenv.config() 会优先保留它们而不用文件里的值，所以应用实际用的是它们
-force-replace = 替换只读的 .env，或属于其他用户的 .env（保留原有的属主、属组和权限）
-keyring-timeout = 等待系统密钥环的秒数（密钥环锁定时，解锁提示可能永远没人响应）
-profile-name = 配置档名称：字母、数字、`-` 和 `_`
-public-key = Langfuse 公钥（pk-lf-...）
-secret-key-stdin = 从标准输入读取私钥（sk-lf-...）。不加此选项时读取 LANGFUSE_SECRET_KEY；私钥绝不通过命令行参数传入，否则 `ps` 就能看到它
-host = Langfuse 基础 URL，如 https://langfuse.example.com（粘贴进来的 /api/public/otel 会被去掉）
-region = Langfuse 区域（一个区域的密钥，其他区域都不认）
-headers = 自托管 Langfuse 前面的访问代理所需的额外请求头（Cloudflare Access：CF-Access-Client-Id=... 和 CF-Access-Client-Secret=...）；可重复指定多个。写在每个请求头列表里 Langfuse 自己的请求头之后，在线测试的每个请求也都会带上。每个值都按机密处理：从不显示，和私钥一起存进密钥环
-ingestion-version = x-langfuse-ingestion-version 请求头（Langfuse v4 的实时写入），或 `none`
-signals = 应用导出的 OTLP 信号，逗号分隔：traces（默认）、logs、metrics。Langfuse 只接收 traces。只有 traces 时，otel 变量组写入通用的 OTEL_EXPORTER_OTLP_* 变量，外加 OTEL_LOGS_EXPORTER=none 和 OTEL_METRICS_EXPORTER=none（所有工具都读通用端点；应用完全不导出 logs 和 metrics）。包含 logs 或 metrics 时，只写入 OTEL_EXPORTER_OTLP_TRACES_*（traces 的 URL 原样写入），其他信号照旧发往应用自己的 collector，绝不会发到 Langfuse（logs 会得到 404）；这时只读通用端点的工具就拿不到它
-vars-write = 要写入的变量组，逗号分隔：traceloop、otel、langfuse。默认：traceloop,langfuse；在 Node 项目里（.env 旁边有 package.json）默认 otel,langfuse
-vars-profile = 变量组，逗号分隔。默认：配置档里的
-format = 输出格式
-non-interactive = 从不提示输入：缺少输入时直接报错并说明缺什么
-json-result = 以 JSON 输出结果

## 根命令
help-root-about = 配置 OpenTelemetry / OpenLLMetry（Traceloop）向 Langfuse 导出数据，编码准确无误。
help-root-long-about =
    配置 OpenTelemetry / OpenLLMetry（Traceloop）向 Langfuse 导出数据，编码准确无误。

    把 Traceloop、OpenTelemetry SDK 和 Langfuse 自家 SDK 读取的变量写入 .env，
    其中 Authorization 请求头经过百分号编码，每个 OTel SDK 都能原样读回
    （原始空格、`Basic+...` 或 base64 里未编码的 `+`，在某些客户端里都会导致 401）。
help-root-after-help =
    示例:
      # Langfuse Cloud 欧盟区域，私钥从管道读入，写入 ./.env
      printf '%s' "$SECRET" | langfuse-otel setup --non-interactive --region eu \
          --public-key pk-lf-... --secret-key-stdin

      # 打印编码后的请求头变量
      LANGFUSE_SECRET_KEY=sk-lf-... langfuse-otel encode --public-key pk-lf-...
help-root--lang = 消息和帮助的语言：en 或 zh-CN（简体中文）。默认取自 LC_ALL、LC_MESSAGES 或 LANG（zh_CN、zh_SG 或 zh_Hans 为简体中文），否则为英文。JSON 输出、退出码和文件内容在任何语言下都完全一样
help-root--verbose = 把运行过程记录到 stderr：-v 记录请求、密钥环调用和文件操作；-vv 更详细；-vvv 全部记录，包括所用库的日志。不加此选项时读取 RUST_LOG（如 RUST_LOG=langfuse_otel=debug）。私钥、凭据和请求头的值绝不会写进日志

## setup
help-root-setup-about = 设置配置档：在终端里启动向导；加 --non-interactive 时，校验输入、在线测试、把私钥存入密钥环并写入 .env 文件
help-root-setup-after-help =
    示例:
      # Langfuse Cloud 美国区域；私钥来自标准输入，绝不作为参数传入（否则 `ps` 里能看到）
      printf '%s' "$SECRET" | langfuse-otel setup --non-interactive --region us \
          --public-key pk-lf-... --secret-key-stdin

      # 自托管且带路径前缀，只写 OpenTelemetry 变量，写入两个 .env 文件
      LANGFUSE_SECRET_KEY=sk-lf-... langfuse-otel setup --non-interactive \
          --host https://example.com/langfuse --public-key pk-lf-... \
          --vars otel --env-file .env --env-file worker/.env

      # 替换 .env 里已有的密钥（旧文件保留为 .env.bak）
      printf '%s' "$NEW_SECRET" | langfuse-otel setup --non-interactive --region eu \
          --public-key pk-lf-new... --secret-key-stdin --yes
help-root-setup--non_interactive = { -non-interactive }
help-root-setup--region = { -region }；`auto` 会逐个询问所有区域
help-root-setup--host = { -host }
help-root-setup--allow_http = { -allow-http }
help-root-setup--public_key = { -public-key }
help-root-setup--secret_key_stdin = { -secret-key-stdin }
help-root-setup--vars = { -vars-write }
help-root-setup--ingestion_version = { -ingestion-version }
help-root-setup--signals = { -signals }
help-root-setup--headers = { -headers }
help-root-setup--env_files = 要写入的 .env 文件；可重复指定多个。默认：./.env
help-root-setup--yes = 替换 .env 里已有、且与新值不同的值
help-root-setup--gitignore = 如果 git 会提交 .env，就把它（连同 .bak）加进 .gitignore
help-root-setup--follow_symlinks = 通过符号链接的 .env 写入它指向的文件
help-root-setup--force = { -force-replace }
help-root-setup--dry_run = 只显示会改动什么，不写入任何东西
help-root-setup--skip_test = 写入前不在线测试密钥和端点（不推荐）
help-root-setup--write_anyway = 即使在线测试失败也写入文件
help-root-setup--connect_timeout = { -connect-timeout }
help-root-setup--timeout = { -timeout }
help-root-setup--send_test_trace = { -send-test-trace }
help-root-setup--profile = { -profile-name }
help-root-setup--keyring_timeout = { -keyring-timeout }
help-root-setup--no_keyring = 不把私钥存入系统密钥环：它只保存在 .env 文件里
help-root-setup--kernel_keyring = 把私钥存在 Linux 内核密钥环而不是系统密钥环，适合没有 Secret Service 的机器（服务器、容器、WSL）。只存在内存里：重启或登出后就没了
help-root-setup--no_env_file = 不写 .env：私钥存入密钥环，其余存入配置档，供 `run` 和 `export` 使用
help-root-setup--json = 以 JSON 输出结果（schemas/setup.json）；隐含 --non-interactive

## encode
help-root-encode-about = 把变量（含私钥）打印到标准输出，编码适用于所有客户端
help-root-encode-after-help =
    示例:
      # 只输出请求头变量
      printf '%s' "$SECRET" | langfuse-otel encode --public-key pk-lf-... --secret-key-stdin

      # 日本区域、OpenTelemetry 变量组的全部变量，输出为 shell 的 export 语句
      printf '%s' "$SECRET" | langfuse-otel encode --public-key pk-lf-... --secret-key-stdin \
          --region jp --vars otel --format shell
help-root-encode--region = { -region }
help-root-encode--host = { -host }
help-root-encode--allow_http = { -allow-http }
help-root-encode--public_key = { -public-key }
help-root-encode--secret_key_stdin = { -secret-key-stdin }
help-root-encode--vars = { -vars-write }
help-root-encode--ingestion_version = { -ingestion-version }
help-root-encode--signals = { -signals }
help-root-encode--headers = { -headers }
help-root-encode--format = { -format }

## test
help-root-test-about = 在线测试现有配置：.env 里的每个变量组分别单独测试
help-root-test-after-help =
    示例:
      # 测试 ./.env（其中的每个变量组，逐一单独测试）
      langfuse-otel test

      # 另一个文件，输出机器可读的格式
      langfuse-otel test --env-file deploy/.env --json

      # 另外发送一个名为 "langfuse-otel test span" 的 span，并打印它的链接
      langfuse-otel test --send-test-trace
help-root-test--env_files = 要测试的 .env；可重复指定多个。默认：./.env，没有时测试进程环境
help-root-test--json = 以 JSON 输出测试结果
help-root-test--allow_http = { -allow-http }
help-root-test--connect_timeout = { -connect-timeout }
help-root-test--timeout = { -timeout }
help-root-test--send_test_trace = { -send-test-trace }
help-root-test--profile = 测试一个配置档（私钥取自密钥环）而不是 .env（没给 --env-file 时取 LANGFUSE_OTEL_PROFILE）
help-root-test--arrival = 在线测试之后，为每个变量组发送一个真实的 span，再通过 Langfuse 的公开 API（GET /api/public/traces/{"{"}id{"}"}）读回，直到查得到为止：报告用了多长时间，很慢或一直查不到时给出最可能的原因
help-root-test--arrival_timeout = 与 --arrival 一起用：等待 span 能查到的秒数
help-root-test--keyring_timeout = 与 --profile 一起用：等待系统密钥环的秒数
help-root-test--no_env = { -no-env }

## doctor
help-root-doctor-about = 诊断现有配置：列出每个问题所在的行、原因和修复方法；--fix 自动修复
help-root-doctor-after-help =
    示例:
      # 检查 ./.env（没有时检查环境变量），做静态检查和在线测试
      langfuse-otel doctor

      # 多个文件，离线，输出机器可读的格式
      langfuse-otel doctor --offline --json .env worker/.env

      # 修复能修复的问题（每个文件保留一份 .bak），然后重新测试
      langfuse-otel doctor --fix
help-root-doctor--env_files = 要检查的 .env；可重复指定多个。默认：./.env，没有时检查进程环境
help-root-doctor--paths = 等同于 --env-file PATH（为把文件当参数传入的脚本保留）
help-root-doctor--profile = 检查某个配置档写过的 .env 文件（没给文件时取 LANGFUSE_OTEL_PROFILE）
help-root-doctor--offline = 只做静态检查：不向外发出任何请求
help-root-doctor--no_env = { -no-env }
help-root-doctor--json = 以 JSON 输出发现的问题和测试结果
help-root-doctor--fix = 改写有问题的行（先显示 diff；每个文件都留一份 .bak），让 git 忽略该文件，并收紧它的权限
help-root-doctor--follow_symlinks = 与 --fix 一起用：通过符号链接的 .env 写入它指向的文件
help-root-doctor--force = 与 --fix 一起用：{ -force-replace }
help-root-doctor--allow_http = { -allow-http }
help-root-doctor--connect_timeout = { -connect-timeout }
help-root-doctor--timeout = { -timeout }
help-root-doctor--send_test_trace = { -send-test-trace }

## demo
help-root-demo-about = 不需要 Langfuse 账号，也不用联网，把整个流程试一遍：本地沙箱 Langfuse、演示密钥、设置，以及对写出的文件做在线测试
help-root-demo-after-help =
    示例:
      # 全部在一个临时目录里进行
      langfuse-otel demo

      # 把演示用的 .env 放到你想要的位置
      langfuse-otel demo --env-file /tmp/demo.env
help-root-demo--env_file = 演示用 .env 的写入位置。默认：新建一个临时目录（会保留，并告诉你路径）

## rotate
help-root-rotate-about = 为配置档换上新的密钥对：先测试，再更新密钥环，并重写它写过的每个 .env
help-root-rotate-after-help =
    示例:
      # 为默认配置档换新密钥：测试、保存，并写入它写过的每个 .env
      printf '%s' "$NEW_SECRET" | langfuse-otel rotate --public-key pk-lf-new... --secret-key-stdin

      # 另一个配置档
      LANGFUSE_SECRET_KEY=sk-lf-... langfuse-otel rotate --profile staging --public-key pk-lf-...
help-root-rotate--profile = { -profile-name }
help-root-rotate--keyring_timeout = { -keyring-timeout }
help-root-rotate--public_key = { -public-key }
help-root-rotate--secret_key_stdin = { -secret-key-stdin }
help-root-rotate--non_interactive = { -non-interactive }
help-root-rotate--skip_test = 保存新密钥前不做在线测试（不推荐）
help-root-rotate--write_anyway = 即使在线测试失败，也保存并写入新密钥
help-root-rotate--yes = 密钥以外、之后被手动改过的值（端点、协议）也一并替换：不加此选项时，遇到这样的文件轮换会以退出码 3 中止，和 `setup` 一样
help-root-rotate--dry_run = 只显示计划（每个文件、它的主机、要改什么），不保存也不写入任何东西
help-root-rotate--json = 以 JSON 输出结果（schemas/rotate.json）
help-root-rotate--allow_http = { -allow-http }
help-root-rotate--follow_symlinks = 通过符号链接的 .env 写入它指向的文件（同 `setup --follow-symlinks`）
help-root-rotate--force = { -force-replace }
help-root-rotate--connect_timeout = { -connect-timeout }
help-root-rotate--timeout = { -timeout }
help-root-rotate--send_test_trace = { -send-test-trace }

## export
help-root-export-about = 打印某个配置档的变量（含私钥，取自密钥环），方便用管道交给其他工具
help-root-export-after-help =
    示例:
      # 写入另一个工具的环境变量文件
      langfuse-otel export --format dotenv > deploy/.env.langfuse

      # 以 JSON 输出，只含 OpenTelemetry 变量
      langfuse-otel export --profile staging --vars otel --format json | jq .
help-root-export--profile = { -profile-name }
help-root-export--keyring_timeout = { -keyring-timeout }
help-root-export--vars = { -vars-profile }
help-root-export--format = { -format }
help-root-export--force = 输出到终端时也照样打印（私钥会留在终端的滚动记录里）

## run
help-root-run-about = 在带有配置档变量的环境里运行一个命令；不往磁盘写任何东西
help-root-run-long-about =
    在带有配置档变量的环境里运行一个命令；不往磁盘写任何东西。

    在 Unix 上，这个命令会取代 langfuse-otel 进程（exec）：进程 ID 不变，所有信号（SIGINT、SIGTERM、SIGHUP、SIGQUIT、SIGUSR1/2、SIGWINCH）都直接送到它那里，它的退出状态原样返回（被信号终止时，在 shell 里是 128 + 信号编号）。除非加 --keep-env，配置档的变量会替换环境里已经设置的同名变量。
help-root-run-after-help =
    示例:
      # 注入变量后运行应用（从密钥环读取；不落盘）
      langfuse-otel run -- python app.py

      # 另一个配置档，只含 OpenTelemetry 变量
      langfuse-otel run --profile staging --vars otel -- node server.js
help-root-run--profile = { -profile-name }
help-root-run--keyring_timeout = { -keyring-timeout }
help-root-run--vars = { -vars-profile }
help-root-run--keep_env = 让环境里已经设置的变量优先于配置档的值。默认：用配置档的值替换它们，免得之前 export 的旧密钥盖过配置档
help-root-run--command = 要运行的命令及其参数，写在 `--` 之后

## profiles
help-root-profiles-about = 列出配置档（各自的私钥存在哪里、能不能读到），或删除其中一个
help-root-profiles--keyring_timeout = 等待系统密钥环的秒数（所有配置档共用一个期限，一次性查询）
help-root-profiles--json = 以 JSON 输出结果（schemas/profiles.json）
help-root-profiles--check = 同时对所有配置档做在线测试，并行进行：主机、项目、密钥环、文件、结果
help-root-profiles--connect_timeout = { -connect-timeout }
help-root-profiles--timeout = { -timeout }
help-root-profiles--send_test_trace = { -send-test-trace }
help-root-profiles-list-about = 列出配置档（默认操作）
help-root-profiles-remove-about = 删除一个配置档及其密钥环条目（.env 文件保留）；在终端里会先问一下
help-root-profiles-remove--name = 要删除的配置档
help-root-profiles-remove--yes = 不询问（没有终端时必须加）

## help
help-root-help-about = 查看某个命令或主题的帮助，主题有：`exit-codes`、`environment`
help-root-help--topic = 一个命令（`setup`、`profiles remove` 等）或一个主题：`exit-codes`、`environment`

## explain
help-root-explain-about = 解释应用日志里导出器报的错误行：原因、解决办法，以及 .env 里要改的那一行
help-root-explain-after-help =
    示例:
      # 照应用日志里的原样粘贴（在 shell 里要加引号）
      langfuse-otel explain 'Failed to export span batch code: 401, reason: {"{"}"message":"No authorization header"{"}"}'

      # 从剪贴板或日志读入，对照另一个 .env 检查
      grep -m1 'export' app.log | langfuse-otel explain --env-file deploy/.env

    退出状态：认出了这一行为 0，没认出为 1（输出会说明还需要什么）。
help-root-explain--line = 错误行（一个或多个词，用空格连起来）。没给出时从标准输入读取
help-root-explain--env_file = 应用加载的 .env，检查其中导致这个错误的行。默认：有 ./.env 时用它
help-root-explain--no_env_file = 不读任何 .env：只解释这一行
help-root-explain--json = 以 JSON 输出解释

## completions
help-root-completions-about = 把 shell 补全脚本打印到标准输出
help-root-completions-after-help =
    示例:
      # bash（新开的 shell 生效）
      langfuse-otel completions bash > ~/.local/share/bash-completion/completions/langfuse-otel

      # zsh：放进 $fpath 里的一个目录
      langfuse-otel completions zsh > "${"{"}fpath[1]{"}"}/_langfuse-otel"

      # fish
      langfuse-otel completions fish > ~/.config/fish/completions/langfuse-otel.fish
help-root-completions--shell = 要生成补全脚本的 shell

## man
help-root-man-about = 把手册页（roff 格式）打印到标准输出，或把所有手册页写进一个目录
help-root-man-after-help =
    示例:
      # 现在就读
      langfuse-otel man | man -l -

      # 某个子命令的手册页
      langfuse-otel man profiles remove | man -l -

      # 安装所有手册页，之后可以 `man langfuse-otel`、`man langfuse-otel-setup` 等
      langfuse-otel man --dir ~/.local/share/man/man1
help-root-man--command = 要打印手册页的子命令（如 `setup`、`profiles remove`）。默认：主手册页
help-root-man--dir = 把所有手册页（langfuse-otel.1、langfuse-otel-setup.1 等）写进这个目录
