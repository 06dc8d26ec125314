"""Reads .env texts with the real python-dotenv, as `load_dotenv(path)` does (`dotenv_values`):
each text is decoded by the same `io.TextIOWrapper` that `open(path, encoding="utf-8")` returns
(universal newlines: `\r\n` and a lone `\r` become `\n`), then parsed with `${VAR}` expansion on,
in the environment this process runs in (the test gives it a fixed one, or none for the table). One JSON string a line on stdin;
one JSON line a text on stdout: the pairs in dict order, `null` for a key with no `=`."""
import io
import json
import sys

from dotenv import dotenv_values

out = sys.stdout
for line in sys.stdin:
    if line.strip():
        data = json.loads(line).encode("utf-8")
        stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
        out.write(json.dumps(list(dotenv_values(stream=stream).items())) + "\n")
