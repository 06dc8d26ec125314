# 核心与 IO 层的消息（src/core、src/io、src/apply.rs、src/checkup.rs、src/exit.rs）。
# 与 locales/en/core.ftl 一一对应：同样的 id，同样的参数。

core-language-name = 简体中文
core-language-example = { $path } 的 { $count } 行

## 在线测试与 explain：诊断表（src/core/diagnosis.rs）

core-check-no-health-answer = 健康检查没有应答：{ $cause }
core-check-span-visible = 测试 span 已经可见
core-check-empty-export-accepted = 空导出已被接受（请求头与写入的完全一致）
core-project = 项目“{ $name }”
core-project-in-organization = 项目“{ $name }”（组织“{ $organization }”）
core-problem-with-fix = { $cause }；解决办法：{ $fix }

core-cause-no-authorization-header = Langfuse 没有收到 Authorization 请求头（401 “No authorization header”）
core-cause-invalid-credentials = Langfuse 不认识这对密钥（401 “Invalid credentials”）
core-cause-malformed-credential = Authorization 请求头不是 `public_key:secret_key` 的 base64 编码（401 “Invalid authorization header”）
core-cause-not-basic = Authorization 请求头不是以 `Basic ` 开头（401 “Invalid authorization header”）
core-cause-access-denied = 这对密钥无权发送 trace（403 “Access denied”）：可能是组织级密钥，或者只给了公钥
core-cause-ingestion-suspended = Langfuse 暂停接收新数据（403）：{ $message }
core-cause-no-project = 密钥有效，但不属于任何项目
core-cause-not-found-on-langfuse = 这个 Langfuse（版本 { $version }）上没有 { $url }（404）
core-cause-not-found = { $url } 不存在（404 页面）：这个路径上没有 Langfuse
core-cause-method-not-allowed = { $url } 不接受这种请求（405）
core-cause-redirect = { $url } 重定向到 { $location }（没有跟随：密钥不能发往别的地址）
core-cause-not-langfuse = { $url } 有应答，但不是 Langfuse 的应答：这个地址上是别的服务器
core-cause-rejected = Langfuse 拒绝了请求（{ $status }）：{ $message }
core-cause-server-error = 服务器返回 { $status }（共尝试 { $attempts } 次）
core-cause-unauthorized = Langfuse 拒绝了请求（401），但这行日志没说原因：可能是 Authorization 请求头被丢弃或格式不对，也可能是它不认识这对密钥
core-cause-grpc = 导出器走的是 gRPC 协议的 OTLP，而 Langfuse 只接受 HTTP 协议的 OTLP
core-cause-signal-not-accepted = { $url }：Langfuse 只接收 trace，发到它 OTel 端点的日志和指标会被拒绝（404）或丢弃
core-cause-dns = 主机名 { $host } 无法解析（DNS）
core-cause-refused = { $address } 上没有服务接受连接（连接被拒绝）
core-cause-reset = 还没收到应答，连接就被断开了（连接重置）
core-cause-tls = TLS 握手失败：{ $cause }
core-cause-timeout = { $seconds } 秒内没有应答
core-cause-proxy = 代理 { $proxy } 出错：{ $cause }
core-cause-insecure-http = 没有发送：用明文 http:// 发往另一台机器，私钥会以明文传输
core-cause-other = 请求失败：{ $cause }

core-fix-no-authorization-header = 客户端的解析器丢掉了这个请求头变量，通常是因为里面有未编码的空格：写成 `Authorization=Basic%20<base64>`（langfuse-otel setup 就是这样写的）
core-fix-invalid-credentials = 确认两个密钥来自同一个项目（Project settings → API keys），并且主机就是创建这对密钥的区域
core-fix-malformed-credential = 用密钥重新生成请求头：`langfuse-otel setup` 或 `langfuse-otel encode`
core-fix-not-basic = 解码后的值必须是 `Basic <base64>`：`Basic+...`（quote_plus 的结果）和原样的 `Basic%20...`（来自不做百分号解码的客户端，例如 Traceloop Node）都会被拒绝；请写成 `Authorization=Basic%20<base64>`，Node 项目请改用 OTEL_* 变量
core-fix-access-denied = 使用项目的密钥对（pk-lf-... 和它对应的 sk-lf-...），在 Project settings → API keys 里获取
core-fix-ingestion-suspended = 在 Langfuse 的账单设置里提高用量上限，或升级套餐
core-fix-no-project = 在 Langfuse 里创建一个项目，然后使用它的 API 密钥
core-fix-not-found-old-server = OTel 端点需要 Langfuse 3.22 或更高版本，而这台服务器是 { $version }：请升级
core-fix-not-found-wrong-path = 这个 Langfuse 有 OTel 端点，所以是路径写错了：span 应发往 {"{"}host{"}"}/api/public/otel/v1/traces，基础 URL 必须以 /api/public/otel 结尾
core-fix-not-found = 填写 Langfuse 的基础 URL（例如 https://cloud.langfuse.com；部署在反向代理的路径前缀下时，则如 https://example.com/langfuse），OTel 路径会自动加上
core-fix-method-not-allowed = 检查 URL：重定向（http:// 跳到 https://）会把 POST 变成 GET；请直接使用最终的 URL
core-fix-redirect = 改用它重定向到的地址作为主机（{ $location }）
core-fix-not-langfuse = 检查主机 URL：它必须是 Langfuse 的 Web 服务器
core-fix-server-error = Langfuse 出了问题，请稍后再试（自托管：查看服务器日志）
core-fix-unauthorized = 先弄清是哪一种：对应用加载的 .env 运行 `langfuse-otel doctor`，它能区分请求头被丢弃、格式错误和密钥不被认识，并对每个变量组做在线测试
core-fix-grpc = 设置 OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf，端点要带协议头：https://<host>/api/public/otel（TRACELOOP_BASE_URL 不带 https:// 时，Traceloop 会改用 gRPC）；`langfuse-otel setup` 会把两者都写好
core-fix-signal-not-accepted = 只把 trace 发给 Langfuse：设置 OTEL_LOGS_EXPORTER=none 和 OTEL_METRICS_EXPORTER=none，或者只配置 trace 端点（OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=<host>/api/public/otel/v1/traces）
core-fix-dns = 检查主机名有没有拼错，以及这台机器是否联网
core-fix-refused = 检查端口，以及服务器是否在运行（自托管：docker compose ps）
core-fix-reset = 再试一次；如果反复出现，说明有防火墙或代理在切断连接
core-fix-tls = 检查 URL 的协议（服务器没有 TLS 时用 http://）；如果处在会解密 TLS 的代理之后，确认它的 CA 已被信任
core-fix-timeout = 检查网络和主机；网络慢时可能需要加大 --timeout
core-fix-proxy = 检查 HTTPS_PROXY / HTTP_PROXY，或者把主机加入 NO_PROXY
core-fix-insecure-http = 使用 https://；如果这个网络可信，加上 --allow-http
core-fix-other = 再试一次，并检查网络
core-fix-ingestion-version = 在请求头列表里设置 x-langfuse-ingestion-version=4（大于 4 的值会被拒绝），或者去掉它：`langfuse-otel setup` 会写对
core-fix-content-type = 导出器必须通过 HTTP 以 application/x-protobuf 或 application/json 发送 OTLP：设置 OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
core-fix-rejected = 上面 Langfuse 的消息说明了它拒绝的内容；请在客户端发送的请求里改正（自托管：服务器日志里有详情）

## explain（src/core/explain.rs）

core-explain-langfuse-said = Langfuse 返回“{ $message }”
core-explain-exporters-url = 导出器的 URL
core-explain-exporters-host = 导出器的主机
core-explain-needed = SDK 记录下的整行错误：HTTP 状态码（如 `code: 401`）、Langfuse 返回的响应体（如 {"{"}"message":"Invalid credentials ..."{"}"}），或网络错误（DNS、连接被拒绝、TLS、超时）
core-tls-not-tls = 服务器的这个端口不支持 TLS（对明文 HTTP 服务器用了 https://）
core-tls-expired = 服务器的证书已过期
core-tls-self-signed = 服务器的证书是自签名的（这个客户端不信任）
core-tls-other-host = 证书属于另一个主机名
core-tls-untrusted = 客户端不信任服务器的证书

## doctor 发现的问题（src/core/doctor.rs）

core-doctor-readers-disagree = { $detail }：Python 和 JavaScript 客户端会读到不同的配置
core-doctor-readers-disagree-fix = 把它附近的行都改成简单的 KEY=value 形式（键只用 ASCII 字符，值不加引号或用单引号，不要出现单独的回车符或特殊空白）
core-doctor-quoting = { $name } 的引号或转义写法，python-dotenv、Node dotenv、dotenvy 和 docker compose 各自读出来不一样
core-doctor-quoting-fix = 不加引号，或者用单引号且值里不含 `'`、`\`、`${"{"}`（--fix 会处理）
core-doctor-git-tracked = git 正在跟踪这个 .env：私钥已经进了仓库历史
core-doctor-git-tracked-fix = 先轮换密钥（langfuse-otel rotate），再对这个文件执行 `git rm --cached` 并把它加入忽略列表
core-doctor-git-would-commit = git 会提交这个 .env（它没有被忽略），而里面有私钥
core-doctor-git-would-commit-fix = 把它加入 .gitignore（--fix 会处理）
core-doctor-world-readable = 其他用户能读取这个 .env（权限 { $mode }），而里面有私钥
core-doctor-world-readable-fix = 对它执行 chmod 600（--fix 会处理）
core-doctor-basic-without-authorization = { $name } 里有 Basic 凭据，但前面没有 `Authorization=`：没有客户端会把它当作 Authorization 请求头发送
core-doctor-missing-authorization = { $name } 里没有 Authorization 项：Langfuse 会返回 401 “No authorization header”
core-doctor-write-authorization-fix = 写成 `Authorization=Basic%20<pk:sk 的 base64>`（--fix 会处理）
core-doctor-raw-space = { $name } 的 Authorization 值里有未编码的空格：OTel Python 的解析器（Traceloop Python 也用它）会直接丢掉这个请求头（401 “No authorization header”）
core-doctor-raw-space-fix = 把空格写成 %20：`Authorization=Basic%20...`（--fix 会处理）
core-doctor-quote-plus = { $name } 里是 `Basic+...`（urllib.parse.quote_plus 的输出）：Python、JS、Go 和 Rust 的 OTel SDK 会原样发送 `Basic+`，Langfuse 会拒绝
core-doctor-quote-plus-fix = 空格要写成 %20，不能写成 +（--fix 会处理）
core-doctor-raw-plus = { $name } 的 base64 里有未编码的 `+`：Java 的 URLDecoder（OpenTelemetry Java）会把它当成空格
core-doctor-raw-plus-fix = 把 base64 里的每个 + 都写成 %2B（--fix 会处理）
core-doctor-bad-escape = { $name } 里有一个 `%` 不是合法的百分号编码
core-doctor-bad-escape-fix = 重新生成请求头（--fix 会处理）
core-doctor-missing-basic = { $name } 的 Authorization 值不是以 `Basic ` 开头：Langfuse 会返回 401 “Invalid authorization header”
core-doctor-bad-base64 = { $name } 的 Basic 凭据不是 `public_key:secret_key` 的 base64 编码
core-doctor-rebuild-from-keys-fix = 用密钥重新生成：`langfuse-otel encode`（文件里有密钥时，--fix 会处理）
core-doctor-swapped-in-header = { $name } 的凭据是 `secret:public`：公钥和私钥填反了
core-doctor-swapped-in-header-fix = 按 `public_key:secret_key` 的顺序编码（--fix 会处理）
core-doctor-not-key-pair = { $name } 的凭据解码后不是 `pk-lf-...:sk-lf-...`
core-doctor-credential-mismatch = { $name } 里的密钥和同一文件中 LANGFUSE_PUBLIC_KEY / LANGFUSE_SECRET_KEY 的不一样：其中一对是旧的
core-doctor-credential-mismatch-fix = 先找出有效的那一对（在线检查会逐个测试每个变量组），再用 `langfuse-otel setup` 按它把两处都写好
core-doctor-node-truncation = 这看起来是个 Node 项目：Traceloop Node 会在每个 `=` 处拆分 TRACELOOP_HEADERS，而且从不解码，所以 base64 的填充和 %20 都会破坏请求头
core-doctor-node-truncation-fix = Node 项目请使用 OTEL_EXPORTER_OTLP_* 变量（`--vars otel`），或者在代码里传入请求头
core-doctor-swapped-keys = LANGFUSE_PUBLIC_KEY 里是私钥，LANGFUSE_SECRET_KEY 里是公钥：两者填反了
core-doctor-swapped-keys-fix = 交换这两个值（--fix 会处理）
core-doctor-traceloop-no-scheme = { $name } 没有 http:// 或 https://：Traceloop 会因此改用 gRPC 导出，而 Langfuse 不接受 gRPC
core-doctor-otel-no-scheme = { $name } 没有 http:// 或 https://：OTel SDK 会拒绝它，或者退回到默认端点
core-doctor-add-https-fix = 在开头加上 https://（--fix 会处理）
core-doctor-doubled-traces-path = { $name } 已经以 /v1/traces 结尾，而 OTel SDK 还会再加一次 /v1/traces：结果是 404
core-doctor-doubled-traces-path-fix = 只写基础地址，以 /api/public/otel 结尾（--fix 会处理）
core-doctor-missing-otel-path = { $name } 没有以 /api/public/otel 结尾：span 会发往 { $path }/v1/traces，在 Langfuse 上是 404
core-doctor-missing-otel-path-fix = 在 Langfuse 的 URL 后面加上 /api/public/otel（--fix 会处理）
core-doctor-traces-endpoint-no-scheme = OTEL_EXPORTER_OTLP_TRACES_ENDPOINT 没有 http:// 或 https://
core-doctor-traces-endpoint-path = OTEL_EXPORTER_OTLP_TRACES_ENDPOINT 会被原样使用，而它不是以 /api/public/otel/v1/traces 结尾：结果是 404
core-doctor-traces-endpoint-path-fix = 写完整的 trace URL：{"{"}host{"}"}/api/public/otel/v1/traces（--fix 会处理）
core-doctor-host-has-otel-path = { $name } 带了 /api/public 路径：Langfuse 的 SDK 会自己加上，所以请求会 404
core-doctor-host-has-otel-path-fix = 只写 Langfuse 的 URL，例如 https://cloud.langfuse.com（--fix 会处理）
core-doctor-host-no-scheme = { $name } 没有 http:// 或 https://
core-doctor-insecure-http = { $name } 用明文 HTTP 连接另一台机器：私钥会以明文传输
core-doctor-insecure-http-fix = 改用 https://（服务器需要支持 TLS；Langfuse Cloud 会把 http 重定向）
core-doctor-repair-no-keys = 文件里没有有效的密钥对，无法重建请求头
core-doctor-repair-no-url = 文件里没有可用的 Langfuse URL

## 应用实际看到的配置：环境变量、设置、其他厂商（src/core/effective.rs）

core-fingerprint-not-basic = 不是 Basic 凭据
core-fingerprint-no-header = { $count } 个字符，没有请求头
core-origin-line = { $name }（.env 第 { $line } 行）
core-origin-file = { $name }（在 .env 中）
core-origin-environment = { $name }（在环境变量中设置）
core-effective-shadowed = 环境变量里已经设置了 { $name }（{ $environment }），python-dotenv 的 load_dotenv() 和 Node 的 dotenv.config() 都会保留它：应用用的是它，而不是 .env 里的值（{ $file }）
core-effective-shadowed-fix = 在导出 { $name } 的地方取消它（shell 配置文件、IDE 的运行配置）；或者用 `load_dotenv(override=True)`（Python）/ `dotenv.config({"{"} override: true {"}"})`（Node）加载文件；或者用 `langfuse-otel run -- <command>` 启动应用
core-effective-override-endpoint = 所有 OTel SDK 都会改把 trace 发到那里
core-effective-override-headers = OTel Python 和 Java 会改发这些请求头（是替换而不是合并：没有文件里的 Authorization，就是 401）
core-effective-override-other = OTel SDK 会改用它来发送 trace
core-effective-in-the-env-file = .env 中
core-effective-at-line = 第 { $line } 行
core-effective-signal-override = 环境变量里设置了 { $specific }（{ $shown }），它会覆盖 { $generic }（{ $at }）：{ $consequence }
core-effective-signal-override-fix = 在导出 { $specific } 的地方取消它（shell 配置文件、IDE 的运行配置），或者用 `langfuse-otel run -- <command>` 启动应用（它会取消这个变量）；`override=True` 没有用，因为 .env 里并没有设置它
core-effective-unset-where-exported = 在导出 { $name } 的地方取消它（shell 配置文件、Dockerfile 的 ENV、IDE 的运行配置）
core-effective-remove-from-env-file = 从 .env 中删除 { $name }
core-effective-sdk-disabled = { $variable }=true：OTel SDK 只会创建空操作的 tracer，所以 Traceloop、Langfuse 的 SDK（基于 OTel）和任何 OTel SDK 都不会导出数据
core-effective-traces-exporter-off = { $variable }={ $value }：opentelemetry-instrument、Node SDK 和 Java agent 都不会通过 OTLP 导出 trace
core-effective-traces-exporter-off-fix = { $unset }，或者把它设为 `otlp`
core-effective-grpc = { $variable }={ $value }：Langfuse 只接受 HTTP 协议的 OTLP，没有 gRPC 端点
core-effective-grpc-fix-file = 设置 { $name }=http/protobuf（--fix 会处理）
core-effective-grpc-fix-environment = 在导出 { $name } 的地方取消它，或者把它设为 http/protobuf
core-effective-protocol-unset = 没有设置 OTEL_EXPORTER_OTLP_PROTOCOL：OTel Java 2.0 之前的版本、.NET 和 Python 的 opentelemetry-instrument 会默认使用 gRPC，而 Langfuse 不接受 gRPC
core-effective-protocol-unset-fix = 设置 OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf（--fix 会处理）
core-effective-logs-to-404 = { $variable } 是 Langfuse 的通用 OTLP 基础地址，所以同时导出 OTel 日志的应用（Java agent 默认就会；Python 开启日志自动埋点、Node 的 NodeSDK 配了日志导出器时也会）会把日志发到 /api/public/otel/v1/logs：结果是 404；发到 /v1/metrics 的指标会被接受然后丢弃
core-effective-logs-to-404-fix = 设置 OTEL_LOGS_EXPORTER=none 和 OTEL_METRICS_EXPORTER=none（--fix 会处理），或者改用 OTEL_EXPORTER_OTLP_TRACES_ENDPOINT={"{"}host{"}"}/api/public/otel/v1/traces，不用通用端点
core-effective-datadog = { $variable }：在 ddtrace 下，OTel API 的 tracer provider 是 Datadog 的，所以 OTel span 会发给 Datadog agent，而不是 Langfuse
core-effective-datadog-fix = { $unset }，或者把 Langfuse 的导出器加到应用自己的 TracerProvider 上
core-effective-datadog-variables = 环境变量里设置了 DD_TRACE_* 变量：用 ddtrace-run（或 ddtrace 的 OTel 支持）启动的应用可能把 OTel span 交给 Datadog，而不是 Langfuse
core-effective-datadog-variables-fix = 确认导出到 Langfuse 的就是应用的那个 TracerProvider；如果不打算用 ddtrace 做追踪，取消 DD_TRACE_* 变量
core-effective-sentry = { $variable } 且开启了追踪：Sentry 的 SDK（v2 及以上，基于 OTel）可能先设置全局 tracer provider，span 就会发给 Sentry，而不是 Langfuse
core-effective-sentry-fix = 在 Sentry 设置的 provider 上初始化 Langfuse 的导出器（或者用 SENTRY_TRACES_SAMPLE_RATE=0 关闭 Sentry 的追踪）
core-effective-logfire = { $variable }：logfire.configure() 会安装一个发往 Logfire 的全局 tracer provider，之后再设置的 provider 会被忽略
core-effective-logfire-fix = 把 Langfuse 的导出器加到 Logfire 的 provider 上（logfire.configure(additional_span_processors=[...])），或者取消 LOGFIRE_TOKEN
core-effective-hosts-disagree = { $family_a } 发往 { $host_a }，{ $family_b } 发往 { $host_b }，用的却是同一对密钥：密钥只属于一个区域或一台服务器，所以其中一个一定会失败
core-effective-hosts-disagree-fix = 先找出正确的主机（在线测试会告诉你哪个变量组能通过认证），再用 `langfuse-otel setup` 按它写好所有变量组

## .env 编辑器拒绝编辑的原因（src/core/dotenv）

core-dotenv-plain-hint = 请把它附近的行改成简单的 KEY=value 形式（键只用 ASCII 字符，值不加引号或用单引号，不要有单独的回车符），然后重新运行。
core-dotenv-after-edit-unreadable = 第 { $line } 行：编辑之后，{ $reader } 会读不到这一行之后的内容。{ $hint }
core-dotenv-after-edit-changes = 第 { $line } 行：这次编辑会改变 { $reader } 读取 { $key } 的结果。{ $hint }
core-dotenv-after-edit-misread = 第 { $line } 行：编辑之后，{ $reader } 读到的 { $key } 会和写入的不一样。{ $hint }
core-dotenv-after-edit-unseen = 编辑之后，{ $reader } 会完全读不到 { $key }。{ $hint }
core-dotenv-reader-view = { $readers } { $view }
core-dotenv-view-separator = ；
core-dotenv-then-separator = ，然后是{" "}
core-dotenv-editor-reads-otherwise = 第 { $line } 行：{ $seen }，但 langfuse-otel 的编辑器对这几行的理解不同，所以不会在它们旁边编辑。{ $hint }
core-dotenv-readers-disagree = 第 { $line } 行：各个 .env 读取器在这里读法不一：{ $seen }。{ $hint }
core-dotenv-view-rejects-file = 拒绝整个文件（第 { $line } 行：{ $message }）
core-dotenv-view-stops = 读到第 { $line } 行就停下了
core-dotenv-view-no-value = { $key }，没有值（第 { $line } 行）
core-dotenv-view-entry = { $key }（第 { $line } 行）
core-dotenv-view-multi-line = { $key } 的多行值（第 { $first }-{ $last } 行）
core-dotenv-view-nothing = 在这里读不到任何变量
core-dotenv-view-read = 读到 { $entries }
core-dotenv-hint-lone-cr = 第 { $line } 行有一个单独的回车符（\r）：python-dotenv 和 Node dotenv 会在那里断行，dotenvy 和 docker compose 不会。请把它换成换行符。
core-dotenv-hint-invisible = 第 { $line } 行有不可见字符 { $character }，并不是每个读取器（包括这个编辑器）都把它当作普通空格。请把它换成普通空格，或者删掉。
core-dotenv-hint-rename-key = 把 { $key } 改名为只含 ASCII 字母、数字和 `_` 的名字（Node dotenv 和 dotenvy 只认这种形式的键），然后重新运行。
core-dotenv-hint-quotes = 检查从第 { $line } 行开始的引号：各个读取器判断引号在哪里结束的方式不同（引号前的反斜杠、闭合引号后的文字、没有闭合的引号）。这类值请用单引号括起来，里面不要有反斜杠或引号；或者去掉引号。
core-dotenv-hint-plain-lines = 把从第 { $line } 行开始的内容写成简单的 KEY=value 行（每行一个），然后重新运行。
core-dotenv-unportable = 无法以所有读取器都一致的方式写入 { $key }：{ $reason }
core-dotenv-unterminated-quote = 第 { $line } 行的引号没有闭合，各个 .env 读取器对它的值在哪里结束看法不一；请闭合引号（或删掉这一行）后重新运行
core-dotenv-unportable-control = 值里有换行符或控制字符
core-dotenv-unportable-quote = 值里有单引号或反斜杠，同时又有需要加引号的字符
core-dotenv-unportable-interpolation = 值里有 `${"{"}`，python-dotenv 即使在引号里也会把它当作变量展开

## 主机、密钥和额外请求头（src/core/host.rs、keys.rs、credential.rs）

core-host-self-hosted = 自托管 — { $url }
core-host-note-stripped-suffix = 已从 URL 中去掉 `{ $suffix }`：请填写 Langfuse 的基础 URL，OTel 路径会按变量自动加上
core-host-note-assumed-https = 没有写协议：默认使用 `https://`
core-host-note-assumed-local-scheme = 没有写协议：这是本机上的服务器，默认使用 `{ $scheme }`
core-host-empty = Langfuse URL 是空的：请填写一个，例如 https://cloud.langfuse.com，或者使用 --region
core-host-invalid = `{ $url }` 不是有效的 URL：请填写类似 https://langfuse.example.com 的地址（不能有空格，协议后面要有主机名）
core-host-unsupported-scheme = 不支持 `{ $scheme }://`：Langfuse 只接受 HTTP 协议的 OTLP，所以 URL 必须以 https:// 开头（本机服务器可以用 http://）
core-host-has-credentials = URL 里带了用户名或密码：请去掉；本工具会通过 Authorization 请求头发送密钥
core-host-query-or-fragment = URL 里有查询字符串或片段（`{ $rest }`）：请填写 Langfuse 服务器的基础 URL，不要带其他部分
core-host-insecure-http = `{ $url }` 用明文 http:// 连接另一台机器：私钥会以明文传输。请使用 https://；如果这个网络可信，加上 --allow-http

core-key-note-trimmed = 已去掉{ $kind ->
    [public] 公钥
   *[secret] 私钥
}两端的空格或换行
core-key-note-unquoted = 已去掉{ $kind ->
    [public] 公钥
   *[secret] 私钥
}两端的引号
core-key-note-assignment = 粘贴的是 `{ $variable }=...`：只保留了{ $kind ->
    [public] 公钥
   *[secret] 私钥
}
core-key-empty = { $kind ->
    [public] 公钥
   *[secret] 私钥
}是空的：请从 Langfuse → Project settings → API keys 复制
core-key-swapped = 公钥和私钥填反了：公钥栏里是私钥（sk-lf-...），私钥栏里是公钥（pk-lf-...）；请交换
core-key-secret-in-public-field = 公钥栏里填的是私钥（以 sk-lf- 开头）：请填写以 pk-lf- 开头的公钥，私钥留给私钥栏
core-key-public-in-secret-field = 私钥栏里填的是公钥（以 pk-lf- 开头）：请填写以 sk-lf- 开头的私钥
core-key-wrong-prefix = { $kind ->
    [public] 公钥
   *[secret] 私钥
}不是以 `{ $prefix }` 开头：Langfuse 的{ $kind ->
    [public] 公钥
   *[secret] 私钥
}形如 `{ $prefix }1234...`；请从 Project settings → API keys 重新复制
core-key-only-prefix = { $kind ->
    [public] 公钥
   *[secret] 私钥
}只有前缀 `{ $prefix }`：后面的部分缺失了
core-key-inner-whitespace = { $kind ->
    [public] 公钥
   *[secret] 私钥
}的第 { $position } 个字符是空格或换行：密钥中间不能断开，请重新复制
core-key-control-character = { $kind ->
    [public] 公钥
   *[secret] 私钥
}的第 { $position } 个字符是控制字符：请以纯文本重新复制
core-key-non-ascii = { $kind ->
    [public] 公钥
   *[secret] 私钥
}的第 { $position } 个字符不是 ASCII 字符（通常是复制时带进来的弯引号或不可见字符）：请以纯文本重新复制
core-key-colon-in-public-key = 公钥的第 { $position } 个字符是 `:`：Basic 认证按第一个冒号拆分，所以公钥里不能有冒号

core-header-no-equals = `{ $text }` 里没有 `=`：请求头要写成 NAME=VALUE（例如 CF-Access-Client-Id=abc）
core-header-bad-name = 请求头名称 `{ $name }` 不通用：只能使用字母、数字、`-`、`_` 和 `.`（所有 OTel SDK 和代理对这些字符的理解一致）
core-header-reserved = 请求头 `{ $name }` 由 langfuse-otel 自己设置（Langfuse 凭据、--ingestion-version 或导出器），不能作为额外请求头传入
core-header-empty-value = 请求头 `{ $name }` 的值是空的
core-header-bad-value = 请求头 `{ $name }` 的值里有可打印 ASCII 之外的字符（控制字符、换行或非 ASCII 文字）：HTTP 客户端会拒绝这样的值，所以任何 SDK 都发不出去
core-header-duplicate = 请求头 `{ $name }` 重复给出
core-header-underscore = 请求头 `{ $name }` 含下划线：nginx（以及基于它的代理）默认丢弃这样的请求头，除非设置了 `underscores_in_headers on;`；建议改用 `-`

## 各变量组在其客户端眼中的配置（src/core/target.rs、vars.rs）

core-target-missing-base-url = 设置了 { $headers }，却没有设置 { $base }：客户端会把 trace 发到别处（{ $default }）；请设置 { $base }={"{"}host{"}"}/api/public/otel
core-target-no-scheme = { $variable }={ $value } 没有 http:// 或 https:// 协议头：Traceloop 会因此改用 gRPC 导出，而 Langfuse 不接受 gRPC；请写成 https://{ $value }
core-target-bad-url = { $variable } 不是可用的 URL：{ $reason }
core-target-needs-scheme = 需要 http:// 或 https:// 协议头
core-target-grpc = OTEL_EXPORTER_OTLP_PROTOCOL={ $protocol }：Langfuse 只接受 HTTP 协议的 OTLP；请设置 OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
core-target-keys = LANGFUSE_* 密钥不可用：{ $error }
core-target-missing-key = LANGFUSE_PUBLIC_KEY 和 LANGFUSE_SECRET_KEY 必须都设置
core-loading-hint-node = 在 OpenTelemetry SDK 启动之前加载 .env：`node --env-file=.env app.js`（Node 20.6+），或者把 `import 'dotenv/config'`（dotenv）放在第一行，然后运行应用
core-loading-hint-python = 在 Traceloop.init() 之前加载 .env（python-dotenv：load_dotenv()），然后运行应用
core-signals-need-traces = signals 必须包含 traces：它列出的是应用导出的信号，而 Langfuse 只接收 trace（例如 --signals traces,logs）

## test --arrival（src/core/arrival.rs）

core-arrival-no-v4-header = 导出器没有发送 `x-langfuse-ingestion-version: 4` 请求头，所以 Langfuse 对它的 span 走慢速通道（在 v4 数据模型上最多约 10 分钟）
core-arrival-no-v4-header-fix = 在请求头变量里加上 `x-langfuse-ingestion-version=4`（`langfuse-otel setup` 会写好），然后再运行一次 `langfuse-otel test --arrival`
core-arrival-old-server = 这个 Langfuse 是 { $version }，早于 3.154：它会忽略 v4 接入请求头，span 要等后台 worker 处理
core-arrival-old-server-fix = 升级服务器，或者多等一会儿：`langfuse-otel test --arrival --arrival-timeout 300`
core-arrival-not-processed = Langfuse 接受了 span，但还没有处理：自托管服务器上可能是 worker 挂了，或连不上 ClickHouse、Redis；Cloud 上可能是处理有延迟
core-arrival-not-processed-fix = 自托管：检查 worker（`docker compose logs langfuse-worker`）；Cloud：查看 status.langfuse.com；然后运行 `langfuse-otel test --arrival --arrival-timeout 300`
core-arrival-not-sent = 测试 span 没有被接受：{ $cause }
core-arrival-read-back-failed = 测试 span 已被接受，但读回失败：{ $cause }
core-arrival-never = { $seconds } 秒后仍不可见：{ $cause }

## 检查（src/checkup.rs）

core-checkup-trace-not-sent = 没有发送：{ $problem }
core-checkup-region-hint = 这对密钥属于{ $region }，地址 { $host }：请使用 --region { $slug }
core-checkup-trace-id = trace 编号 { $id }

## 读写 .env 文件（src/io/envfile.rs）

core-file-kind-directory = 一个目录
core-file-kind-fifo = 一个命名管道（FIFO）
core-file-kind-socket = 一个套接字
core-file-kind-char-device = 一个字符设备
core-file-kind-block-device = 一个块设备
core-file-kind-other = 不是普通文件
core-file-symlink = { $path } 是一个符号链接（指向 { $target }）：拒绝通过它写入。如果要写入 { $target }，请加上 --follow-symlinks，或者直接给出真实路径
core-file-is-directory = { $path } 是目录，不是文件：请给出 .env 文件本身的路径，例如 { $path }/.env
core-file-not-regular = { $path } 是{ $kind }，不是普通文件：拒绝读取或替换它。请给出一个普通 .env 文件的路径
core-file-too-large = { $path } 有 { $size } 字节，超过了这里允许的 .env 大小上限 { $limit } MiB：拒绝读取。确定是这个文件吗？
core-file-no-directory = 目录 { $path } 不存在：请先创建它，或者换一个 --env-file
core-file-not-utf8 = { $path } 不是 UTF-8 文本（第 { $line } 行有无效字节）：为免弄乱它，拒绝编辑。请先转换为 UTF-8，或者换一个 --env-file
core-file-read-only = { $path } 是只读的（权限 { $mode }）：拒绝替换它。请先让它可写（chmod u+w { $path }），或者加上 --force
core-file-other-owner = { $path } 属于 { $owner }，不属于你（{ $you }）：拒绝替换它。请以文件所有者身份运行，或者加上 --force（会保留原有的所有者、组和权限）
core-owner-not-kept = 无法把它的所有者还原为 { $owner }（{ $why }）：请以该用户身份运行，或在任何用户命名空间之外以 root 运行
core-file-locked = { $path } 正在被另一个进程写入（{ $holder }）；等了 { $seconds } 秒后放弃。请等它完成后重新运行
core-file-cannot-read = 无法读取 { $path }：{ $error }
core-file-cannot-write = 无法写入 { $path }：{ $error }；原文件保持不变
core-io-permission-denied = 权限不足（请确认你是文件的所有者，并且能写入它所在的目录）
core-io-storage-full = 设备上没有剩余空间
core-io-read-only-filesystem = 文件系统是只读的
core-lock-holder-unknown = 它持有 { $lock } 上的锁
core-lock-holder-pid = 进程 { $pid } 持有 { $lock } 上的锁
core-file-not-a-regular-file = { $path } 不是普通文件
core-file-backup-is-directory = { $path } 是一个目录，所以无法在那里保留旧版本
core-gitignore-line-break = 文件名 { $name } 里有换行符，任何 .gitignore 行都无法匹配它

## 系统密钥环（src/io/secret_store.rs）

core-keyring-unavailable = 系统密钥环不可用（{ $cause }）
core-kernel-keyring-unavailable = 内核密钥环不可用（{ $cause }）
core-keyring-locked = 系统密钥环已锁定，而解锁被拒绝，或者需要一个当前会话无法显示的解锁提示
core-keyring-timeout = 系统密钥环在 { $seconds } 秒内没有应答（是否已锁定，解锁提示没人响应？）
core-keyring-not-found = 系统密钥环里没有配置档 `{ $profile }` 的私钥
core-keyring-corrupt = 系统密钥环里配置档 `{ $profile }` 对应的内容不是 Langfuse 私钥
core-keyring-forgotten = 内核密钥环里已经没有配置档 `{ $profile }` 的私钥了（它只把密钥保存在内存中：重启或注销后就会清空）
core-keyring-cause-kernel = 这里无法使用内核密钥环（{ $cause }）
core-keyring-cause-no-bus = 这个终端里没有 D-Bus 会话总线，所以没有 Secret Service
core-keyring-cause-not-asked = 无法访问密钥环（{ $cause }）
core-keyring-cause-no-service = 当前会话的 D-Bus 上没有 Secret Service
core-keyring-cause-locked = 密钥环已锁定，且无法显示解锁提示
core-keyring-cause-timeout = 密钥环在 { $seconds } 秒内没有应答（是否有解锁提示没人响应？）
core-keyring-remedy-kernel = 只把私钥保存在 .env 里，或者选择“重试”改用系统密钥环
core-keyring-remedy-no-bus = 在桌面会话里（或者用 `dbus-run-session`）运行向导，并确保密钥环在运行，然后选择“重试”
core-keyring-remedy-no-service = 启动一个 Secret Service（gnome-keyring-daemon，或开启了 Secret Service 的 KeePassXC），然后选择“重试”
core-keyring-remedy-locked = 解锁密钥环（登录桌面，或执行 `gnome-keyring-daemon --unlock`），然后选择“重试”
core-keyring-remedy-missing = 通过轮换这个配置档重新保存密钥
core-keyring-fix-kernel = 加上 --no-keyring 只把私钥保存在 .env 里，或者启动一个 Secret Service 并去掉 --kernel-keyring
core-keyring-fix-no-service-kernel = 在当前会话里启动一个 Secret Service（gnome-keyring、KeePassXC）；或者加上 --kernel-keyring 把私钥保存在内核密钥环里（只在内存中：重启或注销前有效）；或者加上 --no-keyring 只保存在 .env 里
core-keyring-fix-no-service = 在当前会话里启动一个 Secret Service（gnome-keyring、KeePassXC），或者加上 --no-keyring 只把私钥保存在 .env 里
core-keyring-fix-locked = 解锁密钥环（登录桌面会话，或执行 `gnome-keyring-daemon --unlock`）后重试，或者加上 --no-keyring
core-keyring-fix-missing = 用 `langfuse-otel rotate`（或 `setup`）重新保存密钥

## 配置档（src/io/profile.rs）

core-secret-place-keyring = 系统密钥环
core-secret-place-kernel-keyring = 内核密钥环（只在内存中：重启或注销前有效）
core-secret-place-env-files = .env 文件
core-secret-kept-env-files = 只保存在 .env 文件里
core-secret-kept-in = 保存在{ $place }里
core-profile-bad-name = `{ $name }` 不是有效的配置档名称：只能使用字母、数字、`-` 和 `_`（最多 64 个字符）
core-profile-not-found-none = 没有名为 `{ $name }` 的配置档：目前还没有任何配置档，请用 `langfuse-otel setup` 创建一个
core-profile-not-found = 没有名为 `{ $name }` 的配置档（现有配置档：{ $profiles }）
core-profile-damaged = 配置档 `{ $name }` 已损坏（{ $reason }）：请修复或删除 { $path }
core-profile-invalid = 配置档 `{ $name }` 不可用：{ $reason }
core-profile-no-config-dir = 找不到配置目录：请设置 XDG_CONFIG_HOME 或 HOME
core-profile-io = 无法{ $action ->
    [read] 读取
    [write] 写入
    [delete] 删除
    [list] 列出
   *[create] 创建
} { $path }：{ $error }
core-profile-other-target = 配置档 `{ $name }` 属于 { $host }（公钥 { $public_key }），而不是 { $new_host }（公钥 { $new_public_key }）：请换一个配置档名称（`{ $suggestion }` 可用），或者轮换 `{ $name }` 来更换它的密钥

## 写入流程与 git（src/apply.rs）

core-list-comma = 、
core-and-separator = {" "}和{" "}
core-apply-not-the-repaired-lines = 它现在的内容已经不是计算修复时的那些行了
core-apply-added-to-gitignore = 已加入 { $path }
core-apply-chmod-600 = 已执行 chmod 600
core-apply-cannot-chmod = 无法对 { $path } 执行 chmod 600：{ $error }
core-apply-same-file = { $first } 和 { $second } 是同一个文件：只需给一次
core-apply-removed-temp-files = 已删除上次中断运行留下的 { $count } 个临时文件：{ $files }
core-apply-cannot-write = 无法写入 { $path }：{ $error }
core-apply-restored = ；已写入的 { $count } 个文件（{ $files }）已恢复原样
core-apply-not-restored = ；{ $path } 无法恢复（{ $error }）：它现在是新值，旧版本在 { $backup }
core-apply-all-as-it-was = ；所有文件都保持原样
core-apply-points-elsewhere = 它现在指向 { $now }，而不是 { $before }
core-apply-replanned = { $path } 在读取之后被改动过（改的不是我们的变量）：已在它的新内容上完成更新
core-apply-late-change-lost = { $path } 在被替换的过程中，我们的变量被原地改动了：文件里现在是新值，那次改动没有保留；请检查这个文件
core-apply-late-lines-not-written = 无法把期间新增的行再次写入 { $path }：{ $error }；文件里现在是新值，但没有那些行
core-apply-late-lines-kept = { $path } 在被替换的过程中有新的写入：那些行已保留
core-apply-keeps-changing = 在写入过程中它一直在变（读了 { $attempts } 次）：有别的程序在不加锁地写它
core-apply-changed-meanwhile = 期间有别的程序改动了其中的 { $variables }
core-apply-changed-under-us = { $path } 在本次运行读取之后被改动了：{ $what }。没有写入任何内容；请重新运行，以使用它当前的内容
core-apply-up-to-date = { $path }：已是最新
core-apply-written-new = { $path }：已写入（新文件，权限 { $mode }）
core-apply-written = { $path }：已写入（旧版本在 { $backup }）
core-git-cannot-ask-ignore = 无法判断 git 是否会提交 { $path }（{ $why }）：请先修复，或者跳过 .gitignore 这一步
core-gitignore-is-symlink = 是一个符号链接（指向 { $target }）
core-gitignore-not-regular = 不是普通文件
core-gitignore-too-large = 有 { $size } 字节
core-gitignore-read-only = 是只读的
core-gitignore-other-owner = 属于 { $owner }，不属于你
core-gitignore-refused = { $path } { $why }：拒绝改写它。请自己把这些行加进去：{ $lines }
core-git-added-to-gitignore = 已把 { $files } 加入 { $path }
core-git-tracked = { $path } 已被 git 跟踪，你的私钥会进入下一次提交；.gitignore 也无济于事：请运行 `git rm --cached { $quoted }`
core-git-no-answer = git 没有及时回答，已被停止：它读取的某个文件（例如 `core.excludesFile`）可能是 FIFO
core-git-failed = git 无法读取该文件所在的仓库；在那里运行 `git status` 可以看到原因
core-git-cannot-ask = 无法判断 git 是否会提交 { $path }（{ $why }）
core-git-would-commit = git 会提交 { $files }（里面有你的私钥）

## HTTP 与代理（src/io/probe.rs）

core-proxy-needs-credentials = 代理要求认证（407 Proxy Authentication Required）
core-proxy-bad-gateway = 代理返回 502 Bad Gateway：它连不上服务器
core-proxy-unavailable = 代理返回 503 Service Unavailable（可能是代理本身，也可能是它后面的服务器）
core-proxy-gateway-timeout = 代理返回 504 Gateway Timeout：服务器没有及时应答它
core-proxy-no-tunnel = 代理拒绝建立到服务器的隧道（CONNECT 没有返回 200）
core-proxy-refused = 连接被拒绝
core-proxy-dns = { $host } 无法解析
core-proxy-timeout = 没有及时应答
core-probe-client-failed = 无法启动 { $kind } 客户端：{ $cause }

## 退出码（src/core/exit.rs：`help exit-codes`；README 里的表格保持英文）

core-exit-ok = 成功
core-exit-failure = 意外失败，或者无法写入标准输出（读取方提前关闭了管道：退出码 1，没有消息）
core-exit-usage = 用法错误：参数有误或缺失（缺少密钥，没有区域或主机）
core-exit-needs-confirmation = 非交互运行会替换已有的值：请加上 `--yes` 重新运行
core-exit-keys-rejected = 在线测试：密钥被拒绝（401 “Invalid credentials”；会提示认识这对密钥的区域）
core-exit-header-rejected = 在线测试：Authorization 请求头缺失或格式错误（401 “No authorization header” / “Invalid authorization header”）
core-exit-access-denied = 在线测试：这对密钥无权发送 trace（403：组织级密钥、暂停接收），或不属于任何项目
core-exit-not-found = 在线测试：路径错误，或服务器没有 OTel 端点（404 页面、405）；会显示尝试的 URL
core-exit-redirected = 在线测试：URL 发生重定向（没有跟随；会显示目标地址）
core-exit-rejected = 在线测试：其他 4xx，或者这个 URL 上的服务器不是 Langfuse
core-exit-server-error = 在线测试：重试后仍是 5xx
core-exit-not-visible = `test --arrival`：到 `--arrival-timeout` 为止，测试 span 在 Langfuse 中仍不可见（或者无法发送、无法读回）；会指出可能的原因
core-exit-dns = 在线测试：主机名无法解析（DNS）
core-exit-refused = 在线测试：连接被拒绝
core-exit-tls = 在线测试：TLS 握手失败（会显示原因）
core-exit-timeout = 在线测试：超时未应答
core-exit-network = 在线测试：连接被重置，或其他网络故障
core-exit-proxy = 在线测试：代理出错
core-exit-no-region = `--region auto`：没有区域接受这对密钥
core-exit-several-regions = `--region auto`：不止一个区域接受这对密钥
core-exit-regions-unreachable = `--region auto`：连不上任何区域（离线，或者每个区域都出现网络或服务器错误）
core-exit-keyring-unavailable = 系统密钥环不可用（没有 Secret Service 或 D-Bus 会话）
core-exit-keyring-locked = 系统密钥环已锁定（解锁需要一个当前会话无法显示的提示）
core-exit-keyring-timeout = 系统密钥环在 `--keyring-timeout` 内没有应答
core-exit-secret-not-found = 密钥环（或者使用 `--no-keyring` 时记录的 .env 文件）里没有这个配置档可用的私钥
core-exit-profile-not-found = 没有这个配置档，或者配置档已损坏
core-exit-problems-found = `doctor`：静态检查发现了错误；`doctor` 和 `test`：环境变量或某个设置导致应用不会按 .env 的配置导出（且之前没有在线测试失败）
core-exit-invalid-input = 输入无效：主机、密钥、任何 `.env` 写法都无法通用的值、非 UTF-8 文件、不是普通文件（FIFO、套接字、设备）或超过 4 MiB 的 .env、标准输入超过 64 KiB；在 `test` 中，还包括按现有写法无法测试的变量组（没有协议头、gRPC、明文 HTTP 连接另一台机器）
core-exit-cannot-read = 无法读取文件（或标准输入）：不存在、是目录、没有权限
core-exit-cannot-write = 无法写入文件（符号链接、目录、目录不存在、未加 `--force` 时的只读文件或他人的文件、I/O 错误）；所有文件都保持原样
core-exit-conflict = 运行期间 .env 中我们的某个变量被改动了，或者另一个进程持有它的锁太久：没有写入任何内容；请重新运行
core-exit-cannot-run = `run`：命令不可执行；其他情况下 `run` 以命令自身的状态退出（被信号 N 终止时为 128 + N）
core-exit-command-not-found = `run`：找不到命令

## export 拒绝导出的原因（src/core/formats.rs）

core-export-docker-multi-line = 值跨了多行，而 docker 每行只读一个变量
core-export-docker-trailing-cr = 值以回车符结尾，docker 会把行尾的回车符去掉
core-export-docker-quoted = 值的首尾是同一种引号，新版 docker 会去掉它们，旧版则会保留
core-export-docker-too-long = 这一行会超过 docker 64 KiB 的上限
core-export-github-trailing-cr = 值以回车符结尾，Windows 运行器会在换行前把它去掉
core-export-nul = 值里有 NUL 字节，任何环境变量都存不下
core-probe-bad-url = `{ $url }` 不是有效的 URL：{ $error }

## 日志（src/io/logging.rs）

core-log-bad-filter = RUST_LOG={ $spec } 不是本工具能识别的过滤规则（{ $error }）：不会记录任何日志；请使用例如 RUST_LOG=langfuse_otel=debug，或者 -v

## Python 与 JavaScript 客户端读取同一个 .env（src/core/dotenv/readers）

core-clients-only-python = python-dotenv 能读到 { $name }（第 { $line } 行），Node dotenv 却看不到它
core-clients-only-node = Node dotenv 能读到 { $name }（第 { $line } 行），python-dotenv 却看不到它
core-clients-different-values = python-dotenv 和 Node dotenv 读到的 { $name } 值不一样

## 句子里的区域名（src/core/host.rs）

core-region-eu = 欧洲（Langfuse Cloud）
core-region-us = 美国（Langfuse Cloud）
core-region-jp = 日本（Langfuse Cloud）
core-region-hipaa = HIPAA 合规（Langfuse Cloud）
core-region-local = 本机（在这台机器上自托管）

## 严格读取请求头列表（src/core/credential.rs）与配置档的私钥（src/io/profile.rs）

core-header-list-no-equals = 请求头列表的第 { $index } 项在请求头名称和值之间没有 `=`
core-header-list-bad-name = 请求头列表的第 { $index } 项的请求头名称为空或不合法
core-header-list-unencoded = 请求头列表的第 { $index } 项的值里，第 { $position } 个字符必须用百分号编码（空格、引号、逗号、分号或反斜杠）
core-header-list-bad-escape = 请求头列表的第 { $index } 项有格式错误的百分号编码（`%` 后面不是两个十六进制数字）
core-header-list-not-utf8 = 请求头列表的第 { $index } 项解码后不是 UTF-8 文本
core-profile-secret-gone = 配置档 `{ $profile }` 只把私钥保存在它的 .env 文件里，而现在这些文件里都没有了：请运行 `langfuse-otel rotate --profile { $profile }`
core-profile-header-gone = 配置档 `{ $profile }` 有一个额外请求头，它的值已经不在密钥环或 .env 文件里了：请重新运行 `langfuse-otel setup --profile { $profile } --header NAME=VALUE ...`
