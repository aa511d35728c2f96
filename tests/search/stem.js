// Reads one word per line on stdin and prints lunr.stemmer's stem of each,
// one per line: the oracle for the C++ stemmer test.
const lunr = require('lunr');
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
if (lines.length && lines[lines.length - 1] === '') lines.pop();
const out = lines.map((w) => lunr.stemmer(new lunr.Token(w)).toString());
process.stdout.write(out.join('\n') + '\n');
