// Reads each .env with Node `dotenv` and decodes its header variable with OpenTelemetry JS's own
// parser (`parseKeyPairsIntoRecord`, what the OTLP exporters use). One TSV row a case.
const fs = require('fs');
const dotenv = require('dotenv');
const { parseKeyPairsIntoRecord } = require('@opentelemetry/core');

const lines = fs.readFileSync(0, 'utf8').split('\n').filter(Boolean);
for (const line of lines) {
  const [c, path, variable, pk, sk] = line.split('\t');
  const expected = 'Basic ' + Buffer.from(`${pk}:${sk}`).toString('base64');
  const value = dotenv.parse(fs.readFileSync(path))[variable] ?? '';
  const headers = parseKeyPairsIntoRecord(value);
  const got = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  console.log(`${c}\tnode-otel\t${got === expected ? 'ok' : 'wrong'}\t${JSON.stringify(got)}`);
}
