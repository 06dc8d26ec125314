"""Reads .env files with the real python-dotenv, as `load_dotenv(path)` does (`dotenv_values`:
universal newlines, `${VAR}` expansion on, the environment this process runs in, which the test
empties). One path a line on stdin; one JSON line a file on stdout: the pairs in dict order,
`null` for a key with no `=`."""
import json
import sys

from dotenv import dotenv_values

out = sys.stdout
for line in sys.stdin:
    path = line.rstrip("\n")
    if path:
        out.write(json.dumps(list(dotenv_values(path).items())) + "\n")
