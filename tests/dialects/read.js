// Reads .env files with the real Node dotenv, as `dotenv.config({ path })` does (its default
// parser), into an empty object instead of process.env. One path a line on stdin; one JSON line a
// file on stdout: the pairs in object order.
const fs = require('fs');
const dotenv = require('dotenv');

const paths = fs.readFileSync(0, 'utf8').split('\n').filter(Boolean);
const out = [];
for (const path of paths) {
  const { parsed, error } = dotenv.config({ path, processEnv: {}, quiet: true });
  if (error) throw error;
  out.push(JSON.stringify(Object.entries(parsed)));
}
process.stdout.write(out.join('\n') + '\n');
