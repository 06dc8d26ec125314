"""Where cargo puts things, asked of cargo: scripts never assume `target/` (CARGO_TARGET_DIR, a
`build.target-dir` in a cargo config, or a workspace can each move it).

    python3 scripts/cargo_paths.py target-dir
    python3 scripts/cargo_paths.py build [--release] --bin langfuse-otel --example otel_send
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def target_dir():
    """The target directory cargo uses for this project."""
    out = subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps"], cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout
    return Path(json.loads(out)["target_directory"])


def build(args):
    """Builds with `cargo build ARGS` and returns {target name: executable path} from cargo's own
    report of what it built."""
    proc = subprocess.run(["cargo", "build", "--quiet", "--message-format=json-render-diagnostics",
                           *args], cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)
    executables = {}
    for line in proc.stdout.splitlines():
        message = json.loads(line)
        if message.get("reason") == "compiler-artifact" and message.get("executable"):
            executables[message["target"]["name"]] = Path(message["executable"])
    return executables


if __name__ == "__main__":
    if sys.argv[1:2] == ["target-dir"]:
        print(target_dir())
    elif sys.argv[1:2] == ["build"]:
        for name, path in build(sys.argv[2:]).items():
            print(f"{name}\t{path}")
    else:
        sys.exit(__doc__)
