// Reads each .env with Node `dotenv` and decodes its header variable with OpenTelemetry JS's own
// parser (`parseKeyPairsIntoRecord`, what the OTLP exporters use). One TSV row a case.
const fs = require('fs');
const dotenv = require('dotenv');
const { parseKeyPairsIntoRecord } = require('@opentelemetry/core');

const lines = fs.readFileSync(0, 'utf8').split('\n').filter(Boolean);
for (const line of lines) {
  // An optional extra header (name, base64 of its value) must decode too.
  const [c, path, variable, pk, sk, extraName, extraValue] = line.split('\t');
  const expected = 'Basic ' + Buffer.from(`${pk}:${sk}`).toString('base64');
  const value = dotenv.parse(fs.readFileSync(path))[variable] ?? '';
  const headers = parseKeyPairsIntoRecord(value);
  const find = (name) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const got = find('authorization');
  let ok = got === expected;
  if (extraName) ok = ok && find(extraName) === Buffer.from(extraValue, 'base64').toString();
  console.log(`${c}\tnode-otel\t${ok ? 'ok' : 'wrong'}\t${JSON.stringify(got)}`);
}
