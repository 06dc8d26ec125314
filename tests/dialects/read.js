// Reads .env texts with the real Node dotenv, as `dotenv.config({ path })` does: the file read as
// a UTF-8 string, then its default parser. One JSON string a line on stdin; one JSON line a text
// on stdout: the pairs in object order.
const fs = require('fs');
const dotenv = require('dotenv');

const out = [];
for (const line of fs.readFileSync(0, 'utf8').split('\n')) {
  if (line.trim()) out.push(JSON.stringify(Object.entries(dotenv.parse(JSON.parse(line)))));
}
process.stdout.write(out.join('\n') + '\n');
