#!/usr/bin/env python3
"""Start-up and footprint of the release binary, as a user meets them (scripts/bench.sh runs this).

- `--version` wall time: spawn to exit, median of 50 (includes Python's own spawn cost, ~1 ms).
- First frame: the wizard in a real pty (80x24), from fork to the first bytes of its title on the
  terminal, median of 20.
- Peak RSS of a full wizard run: `demo` driven through every screen in a pty, to the written .env.
- Credential check against the same loopback sandbox: `langfuse-otel test` (three checks) versus
  `python -c "from langfuse import Langfuse; Langfuse().auth_check()"` (one), median of 5 each.
"""

import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import cargo_paths  # noqa: E402  (the binary is where cargo says, CARGO_TARGET_DIR included)

BIN = str(cargo_paths.build(["--release", "--bin", "langfuse-otel"])["langfuse-otel"])
TARGET_DIR = cargo_paths.target_dir()


def version_ms():
    times = []
    for _ in range(50):
        started = time.perf_counter()
        subprocess.run([BIN, "--version"], stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def spawn_in_pty(args, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(args[0], args, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def read_until(fd, needle, timeout=20.0):
    seen = b""
    deadline = time.perf_counter() + timeout
    while needle not in seen:
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError(f"waited for {needle!r}; saw {seen[-400:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def first_frame_ms(env):
    times = []
    for _ in range(20):
        started = time.perf_counter()
        pid, fd = spawn_in_pty([BIN], env)
        read_until(fd, b"langfuse-otel")
        times.append((time.perf_counter() - started) * 1000)
        os.write(fd, b"\x03")  # Ctrl-C
        os.waitpid(pid, 0)
        os.close(fd)
    return statistics.median(times)


def wizard_peak_rss_mib(env, work):
    pid, fd = spawn_in_pty([BIN, "demo", "--env-file", str(work / "demo.env")], env)
    steps = [
        (b"Set up a new profile", b"\r"),
        (b"Self-hosted", b"\r"),
        (b"URL", b"\r"),
        (b"both keys look right", b"\r"),
        (b"Proven in", b"\r"),
        (b"Write", b"\r"),
        (b"Written.", b"\r"),
    ]
    for needle, key in steps:
        read_until(fd, needle)
        time.sleep(0.05)
        os.write(fd, key)
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    _, status, usage = os.wait4(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, status
    assert (work / "demo.env").exists()
    return usage.ru_maxrss / 1024  # KiB on Linux


def credential_check(env, work):
    venv = TARGET_DIR / "bench" / "venv-langfuse"
    if not (venv / ".ready").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
                        "langfuse==5.0.4"], check=True)
        (venv / ".ready").touch()
    pk, sk = "pk-lf-bench", "sk-lf-bench"
    server = subprocess.Popen([BIN, "sandbox", "--keys-from-env"], stdout=subprocess.PIPE, text=True,
                              env=dict(env, LANGFUSE_OTEL_SANDBOX_KEYS=f"{pk}:{sk}"))
    url = server.stdout.readline().strip()
    try:
        env_file = work / "bench.env"
        env_file.write_text(f"LANGFUSE_PUBLIC_KEY={pk}\nLANGFUSE_SECRET_KEY={sk}\nLANGFUSE_BASE_URL={url}\n")
        check_env = dict(env, LANGFUSE_PUBLIC_KEY=pk, LANGFUSE_SECRET_KEY=sk, LANGFUSE_BASE_URL=url,
                         LANGFUSE_HOST=url, LANGFUSE_TRACING_ENABLED="false")
        python = [str(venv / "bin" / "python"), "-c",
                  "from langfuse import Langfuse; assert Langfuse().auth_check()"]

        def median(args, run_env):
            times = []
            for _ in range(5):
                started = time.perf_counter()
                subprocess.run(args, env=run_env, check=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
                times.append((time.perf_counter() - started) * 1000)
            return statistics.median(times)

        ours = median([BIN, "test", "--env-file", str(env_file)], env)
        theirs = median(python, check_env)
        return ours, theirs
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()


def three_families_ms(env, work):
    """`test` of a .env holding all three families (Traceloop, OpenTelemetry, Langfuse), each
    tested alone with its three checks, against the sandbox on loopback: median of 20."""
    pk, sk = "pk-lf-bench", "sk-lf-bench"
    server = subprocess.Popen([BIN, "sandbox", "--keys-from-env"], stdout=subprocess.PIPE, text=True,
                              env=dict(env, LANGFUSE_OTEL_SANDBOX_KEYS=f"{pk}:{sk}"))
    url = server.stdout.readline().strip()
    try:
        env_file = work / "three.env"
        text = subprocess.run([BIN, "encode", "--host", url, "--public-key", pk,
                               "--vars", "traceloop,otel,langfuse"],
                              env=dict(env, LANGFUSE_SECRET_KEY=sk), check=True,
                              capture_output=True, text=True).stdout
        env_file.write_text(text)
        times = []
        for _ in range(20):
            started = time.perf_counter()
            done = subprocess.run([BIN, "test", "--env-file", str(env_file)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            times.append((time.perf_counter() - started) * 1000)
            assert done.returncode == 0 and done.stdout.count(": OK") == 3, done.stdout
        return statistics.median(times)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()


def main():
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {"PATH": os.environ["PATH"], "HOME": str(work), "TERM": "xterm-256color",
               "XDG_CONFIG_HOME": str(work / "config")}
        size = os.path.getsize(BIN) / (1024 * 1024)
        version = version_ms()
        frame = first_frame_ms(env)
        rss = wizard_peak_rss_mib(env, work)
        ours, theirs = credential_check(env, work)
        three = three_families_ms(env, work)

    def verdict(ok):
        return "met" if ok else "MISSED"

    rows = [
        ("release binary size (stripped)", f"{size:.1f} MiB", "<= 7 MiB", verdict(size <= 7)),
        ("`--version` wall time", f"{version:.1f} ms", "< 5 ms", verdict(version < 5)),
        ("first wizard frame in a pty", f"{frame:.1f} ms", "< 10 ms", verdict(frame < 10)),
        ("`test` of three families on loopback", f"{three:.1f} ms", "<= 4 ms", verdict(three <= 4)),
        ("peak RSS, full wizard run (demo)", f"{rss:.1f} MiB", "< 20 MB", verdict(rss * 1.048576 < 20)),
        ("`test` (3 checks) vs Python `auth_check()` (1)", f"{ours:.0f} ms vs {theirs:.0f} ms = {theirs / ours:.1f}x",
         ">= 10x", verdict(theirs / ours >= 10)),
    ]
    print("| what | measured | target | |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
