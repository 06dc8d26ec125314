# 向导界面（src/tui）：各屏幕、按键提示、状态行。

## 标题栏、终端过小、滚动提示
wiz-title-start = 开始
wiz-title-step = 第 { $step }/{ $steps } 步 · { $name }
wiz-title-region = Langfuse 在哪里？
wiz-title-keys = API 密钥
wiz-title-test = 在线测试
wiz-title-output = 保存位置
wiz-title-done = 完成
wiz-title-diagnose = 诊断
wiz-title-explain = 解释错误信息
wiz-demo-badge = 演示
wiz-too-small = 请把终端调大一些：langfuse-otel 至少需要 { $need }，当前只有 { $have }。
wiz-too-small-quit = 按 q 或 Ctrl-C 退出。
wiz-more-above = 上方还有 { $count } 行
wiz-more-below = 下方还有 { $count } 行

## 句中的列表
wiz-list-separator = ；
wiz-list-comma = ，
wiz-list-and = {" 和 "}

## 按键提示（底栏）
wiz-key-choose = 选择
wiz-key-select = 确定
wiz-key-quit = 退出
wiz-key-next = 下一步
wiz-key-next-field = 下一项
wiz-key-back = 返回
wiz-key-use-url = 使用此 URL
wiz-key-back-to-list = 返回列表
wiz-key-allow-http = 允许明文 HTTP
wiz-key-switch-field = 切换输入框
wiz-key-reveal-secret = 显示私钥
wiz-key-test = 测试
wiz-key-continue = 继续
wiz-key-stop = 停止并返回
wiz-key-skip-test = 跳过测试
wiz-key-repair = 修复
wiz-key-skip-check = 跳过检查
wiz-key-send-again = 重新发送
wiz-key-explain = 解释
wiz-key-clear = 清空
wiz-key-retry = 重试
wiz-key-env-only = 只存 .env
wiz-key-kernel-keyring = 内核密钥环
wiz-key-toggle = 勾选
wiz-key-write = 写入
wiz-keyname-space = 空格
wiz-key-retry-keyring = 重试密钥环

## 开始
wiz-start-intro = 把 OpenTelemetry / OpenLLMetry 的 trace 正确编码，送进 Langfuse。
wiz-start-found-profiles = 配置档：{ $names }
wiz-start-found-env-file = { $path }（含 Langfuse/OTel 变量）
wiz-start-found-environment = 环境变量中有 { $families } 变量组
wiz-start-found-nothing = 已找到：暂无，从头开始。
wiz-start-found = 已找到：{ $found }。
wiz-start-prefilled = 来自命令行：{ $answers }（已填好，可在对应页面修改）。
wiz-start-node-project = .env 旁边有 package.json，是 Node 项目，已预先勾选 otel 和 langfuse 变量组。
wiz-start-setup = 新建配置档
wiz-start-rotate = 轮换配置档 `{ $profile }` 的密钥
wiz-start-export = 为配置档 `{ $profile }` 写入 .env
wiz-start-diagnose = 诊断 { $path }
wiz-start-explain = 我有一条应用日志里的错误信息
wiz-start-quit = 退出
wiz-prefill-host = 主机 { $url }
wiz-prefill-detect = 区域：自动识别
wiz-prefill-region = 区域 { $region }
wiz-prefill-public-key = 公钥 { $key }
wiz-prefill-families = 变量组 { $families }
wiz-prefill-file = 文件 { $path }
wiz-prefill-no-keyring = 不使用密钥环

## 区域
wiz-region-intro = Langfuse 各区域彼此独立：一个区域的密钥，别的区域不认识。
wiz-region-detect = 根据密钥自动识别（同时询问所有云区域）
wiz-region-self-hosted = 自托管：输入 URL
wiz-region-url-label = URL
wiz-region-will-use = 将使用 { $host }
wiz-region-plain-http-allowed = 用明文 HTTP 连接另一台机器：私钥会以明文传输
wiz-region-plain-http = { $url } 是连接另一台机器的明文 HTTP：密钥会以明文传输。
wiz-region-plain-http-fix = 请改用 https://；如果这个网络可信，按 Ctrl-Y。
wiz-region-url-example = 例如 https://langfuse.example.com，代理后面的则如 https://example.com/langfuse

## 密钥
wiz-keys-rotate-intro = 为配置档 `{ $profile }`（{ $host }）输入新密钥。旧公钥是 { $key }。
wiz-keys-intro = 在 Langfuse → Project settings → API keys 中获取。直接粘贴即可，会自动清理并校验。
wiz-keys-public-label = 公钥
wiz-keys-secret-label = 私钥
wiz-keys-secret-shown = （已显示：按 Ctrl-R 隐藏）
wiz-keys-secret-hidden = （已隐藏：按 Ctrl-R 显示）
wiz-keys-shape = 密钥形如 pk-lf-... 和 sk-lf-...
wiz-keys-both-valid = 两个密钥格式都正确：按 Enter 进行在线测试
wiz-keys-public-valid = 公钥格式正确，接下来输入私钥
wiz-keys-note-trimmed-line-break = 已去掉粘贴内容末尾的换行
wiz-keys-note-trimmed-spaces = 已去掉粘贴内容两端的空格
wiz-keys-note-both = 粘贴了两个密钥：已分别填入各自的输入框
wiz-keys-note-pasted-secret = 粘贴的是私钥：已放进私钥输入框并隐藏
wiz-keys-note-pasted-public = 粘贴的是公钥：已放进公钥输入框
wiz-keys-note-typed-secret = 输入的是私钥：已移到私钥输入框并隐藏

## 在线测试与区域识别
wiz-test-edit-keys = 修改密钥
wiz-test-change-region = 更换区域
wiz-test-retry = 重试
wiz-test-continue-anyway = 仍然继续（不经测试直接写入）
wiz-test-back-to-start = 返回开始页
wiz-detect-offline = 没有网络：连不上任何 Langfuse Cloud 区域（{ $cause }）。请检查网络连接，然后选“重试”。
wiz-detect-some-unreachable = 能连上的区域都不认这对密钥，另有 { $regions } 连不上（网络问题）：请重试，或自己选择区域。
wiz-detect-none = 没有哪个 Langfuse Cloud 区域认这对密钥：请检查公钥和私钥，或选择“自托管”。
wiz-detect-several = 不止一个区域接受这对密钥（{ $regions }）：请自己选择区域。
wiz-detect-answers-took = 哪个区域认识这对密钥（用时 { $seconds }{"\u00A0"}秒）：
wiz-detect-answers = 哪个区域认识这对密钥：
wiz-detect-asking = 正在询问各个云区域，看哪个认识这对密钥…
wiz-test-testing = 正在测试 { $url }
wiz-test-check-took = （{ $ms }{"\u00A0"}毫秒）
wiz-test-region-hint = 提示：这对密钥属于{ $region }，地址 { $host }：请选“更换区域”
wiz-test-proven = 验证通过，用时 { $seconds }{"\u00A0"}秒：这对密钥会写入{ $project }。按 Enter 继续。
wiz-test-failed = 测试失败，用时 { $ms }{"\u00A0"}毫秒。接下来怎么办？
wiz-test-no-region = 没有可以测试的区域。接下来怎么办？
wiz-fix = 解决办法：{ $fix }
wiz-cause = 原因：{ $cause }

## 保存位置
wiz-output-keyring-retry = 重试密钥环             (r)
wiz-output-keyring-env-only = 私钥只保存在 .env 中   (n)
wiz-output-keyring-kernel = 保存到内核密钥环：只在内存中，重启或注销后失效   (k)
wiz-output-no-family = 请至少选择一个变量组（按空格键勾选）。
wiz-output-no-path = 请填写 .env 文件的路径。
wiz-output-profile-taken = 配置档 `{ $profile }` 属于 { $host }：请换个名字（`{ $suggestion }` 可用）。
wiz-output-keyring-checking = 还在检查密钥环…
wiz-output-keyring-choose-first = 密钥环无法使用：请先在上方选择（重试，或私钥只保存在 .env 中）。
wiz-output-no-files = 这个配置档的 .env 文件都已不存在。
wiz-output-missing-inputs = 缺少密钥或主机：请返回填写。
wiz-output-keys-not-loaded = （密钥还没有加载）
wiz-output-old-value-hidden = （旧值已隐藏）
wiz-output-keyring-unavailable = 密钥环：{ $cause }。
wiz-output-keyring-remedy = 解决办法：{ $remedy }。
wiz-output-rotate-intro = 将重写配置档 `{ $profile }` 的每个 .env（每个都会留一份 .bak 备份）：
wiz-output-rotate-missing = （不存在：跳过）
wiz-output-rotate-secret-env-file = 私钥仍然只保存在这些 .env 文件中。
wiz-output-rotate-secret-keyring = 新私钥同时存入系统密钥环。
wiz-output-rotate-secret-kernel = 新私钥同时存入内核密钥环（只在内存中，重启或注销后失效）。
wiz-output-label-env-file = .env 文件
wiz-output-label-variables = 变量
wiz-output-label-profile = 配置档
wiz-output-label-git = Git
wiz-output-label-keyring = 密钥环
wiz-output-profile-new = 新配置档
wiz-output-profile-joins = 该主机和密钥的配置档已存在：这个文件会加入其中
wiz-output-profile-belongs = 属于 { $host }：`{ $suggestion }` 可用
wiz-output-git-unknown = 无法判断 git 是否会提交 { $file }（{ $why }）
wiz-output-git-tracked = git 正在跟踪 { $file }：私钥会进入下一次提交；请运行 `git rm --cached { $quoted }`
wiz-output-git-would-commit = { $count ->
   *[other] git 会提交 { $files }（其中有私钥）
}
wiz-output-gitignore-add = 把 { $lines } 加入 .gitignore
wiz-output-gitignore-impossible = （文件名含换行符：任何 .gitignore 规则都匹配不到它）
wiz-output-keyring-demo = （演示：不会动你的密钥环和配置档）
wiz-output-keyring-checking-status = 正在检查系统密钥环
wiz-output-keyring-available = 系统密钥环可用：把私钥存在那里（.env 里也会有一份）
wiz-output-keyring-chose-kernel = { $cause }：私钥存入内核密钥环（重启或注销前有效）和 .env（你的选择；按 r 重试）
wiz-output-keyring-chose-env-only = { $cause }：私钥只保存在 .env 中（你的选择；按 r 重试）
wiz-output-preview = { $path } 预览（密钥已遮盖）：
wiz-output-mode-loose = 其他用户可以读取它（权限 { $mode }）：写入时会收紧为 { $tightened }
wiz-output-proven = 在线测试已用这些变量验证通过
wiz-output-untested = 未经测试（你的选择）：本次写入会记为未测试
wiz-output-changed-since-test = 这些变量在测试后有改动，尚未测试：按 Enter 先测试
wiz-output-button-writing = 正在写入…
wiz-output-button-write = 写入
wiz-output-button-test-then-write = 先测试，再写入
wiz-write-profile-taken = 配置档 `{ $profile }` 属于 { $host }（公钥 { $key }）：没有写入任何内容；请给这次设置换一个配置档名
wiz-write-keyring-failed = 无法保存私钥：{ $cause }。没有写入任何内容；{ $remedy }
wiz-note = 注意：{ $note }
wiz-internal-error = 内部错误：{ $error }
wiz-file-missing = { $path } 不存在

## 完成
wiz-done-arrival-waiting = 已发送一个测试 span，等待它在 Langfuse 中出现（已等 { $waited }{"\u00A0"}秒，最多 { $deadline }{"\u00A0"}秒；按 Esc 跳过）
wiz-done-arrival-visible = 测试 span 在 { $seconds }{"\u00A0"}秒后出现在 Langfuse 中
wiz-done-arrival-never = 测试 span 没有出现在 Langfuse 中
wiz-done-arrival-skipped = 已跳过检查 span 是否出现在 Langfuse 中（按 r 重新发送）。
wiz-done-written = 已写入。
wiz-done-rotated = 密钥已轮换。
wiz-done-profile-keyring = 配置档 `{ $profile }`（私钥在系统密钥环中）
wiz-done-profile-kernel = 配置档 `{ $profile }`（私钥在内核密钥环中：只在内存里，重启或注销后失效）
wiz-done-profile-env-file = 配置档 `{ $profile }`（私钥只在 .env 文件中）
wiz-done-next-node = 下一步，在你的 Node 应用中（此目录有 package.json）先加载 .env：
wiz-done-node-env-file-comment = Node 20.6 及以上
wiz-done-node-dotenv-comment = 或者用这行，放在第一行（dotenv）
wiz-done-node-sdk = 然后启动 OpenTelemetry SDK（NodeSDK）：它会读取 OTEL_EXPORTER_OTLP_*。
wiz-done-next-python = 下一步，在你的应用中（Python 版 Traceloop / OpenLLMetry）：
wiz-done-python-load-comment = 要在 Traceloop.init() 之前，它才能读到 TRACELOOP_*
wiz-done-traceloop-node = Node.js：Traceloop Node 读不了 TRACELOOP_HEADERS，请改用 otel 变量组（OTEL_EXPORTER_OTLP_*）。
wiz-done-rotate-later = 以后轮换密钥：{ $command }
wiz-done-run-without-env = 不用 .env 直接运行：{ $command }

## 诊断
wiz-standing-error = 错误
wiz-standing-warning = 警告
wiz-standing-ok = 通过
wiz-diagnose-intro = { $path } 中的每个变量组，按各自客户端的读法单独测试：
wiz-diagnose-testing = 正在测试…
wiz-diagnose-counts = { $errors } 个错误，{ $warnings } 个警告，{ $ok } 个通过
wiz-diagnose-repairing = 正在修复…
wiz-diagnose-repair-hint = 按 f 应用标有 - / + 的行（文件会留一份 .bak 备份），然后重新测试。
wiz-diagnose-secret-hidden = （含私钥：已隐藏）
wiz-diagnose-at-line = 第 { $line } 行：
wiz-diagnose-repair-mode = 权限 0600：只有你能读
wiz-diagnose-repair-gitignore = .gitignore：加入 .env 及其 .bak（已按 git 规则转义）
wiz-diagnose-file = 文件
wiz-diagnose-no-variables = { $path } 中没有 TRACELOOP_*、OTEL_EXPORTER_OTLP_* 或 LANGFUSE_* 变量
wiz-diagnose-gone = { $path } 已不存在
wiz-diagnose-changed = { $path } 在测试之后被改过，显示的修复已不适用：没有写入任何内容。请返回（Esc）重新诊断。
wiz-diagnose-repaired = 已修复 { $variables }

## 解释错误信息
wiz-explain-intro = 粘贴应用日志中的错误行，然后按 Enter。
wiz-explain-reads = 能读懂 OTel Python、JS、Java、Go、.NET 以及 Traceloop 和 Langfuse SDK 的错误行：状态码、Langfuse 返回的消息、gRPC、DNS、TLS 和连接错误。
wiz-explain-unrecognized = 无法识别为导出器错误。
wiz-explain-needed = 需要补充：{ $needed }
wiz-explain-recognized = 已识别：{ $read }
wiz-explain-cause = 原因：{ $cause }
wiz-explain-fix = 解决办法：{ $fix }
wiz-explain-no-env = 这里没有含 Langfuse/OTel 变量的 .env，无法指出要改哪一行。
wiz-explain-reading = 正在读取 { $path }…
wiz-explain-env-clean = { $path }：其中没有会导致这个错误的内容；可以用“诊断”在线测试它。
wiz-explain-env-lines = { $path }：需要修改的行
wiz-explain-finding-at-line = 第 { $line } 行，{ $variable }：{ $cause }
wiz-explain-finding = { $variable }：{ $cause }

## 列表中的名称：区域与在线检查
wiz-region-name-eu = 欧洲（Langfuse Cloud）
wiz-region-name-us = 美国（Langfuse Cloud）
wiz-region-name-jp = 日本（Langfuse Cloud）
wiz-region-name-hipaa = HIPAA 合规（Langfuse Cloud）
wiz-region-name-local = 本机（在这台机器上自托管）
wiz-check-server = 服务器
wiz-check-keys = 密钥
wiz-check-ingest = OTLP 端点
wiz-check-arrival = 到达检查
