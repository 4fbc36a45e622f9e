// Writes canvases of random statements into the folder given as argument,
// for editors/test.sh to check that tree-sitter and canvasc find a syntax
// error in the same ones. The atoms are numbers, names and strings with
// every kind of escape, valid or not; they are joined by a blank or by
// nothing (which canvasc rejects), so about half the files are wrong.
//
//   node generate-agreement.js FOLDER [COUNT]   (COUNT defaults to 150)
'use strict';
const fs = require('fs');
const path = require('path');

const folder = process.argv[2];
const count = Number(process.argv[3] || 150);
if (!folder) {
  console.error('usage: node generate-agreement.js FOLDER [COUNT]');
  process.exit(2);
}

// A fixed seed, so a failure names a file that the next run writes again.
let seed = 19;
const random = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return Math.floor((seed / 2147483648) * n);
};
const pick = (list) => list[random(list.length)];

const escapes = ['\\n', '\\t', '\\"', '\\\\', '\\u{1F600}', '\\u{0}', '\\u{10FFFF}', '\\u{D7FF}', '\\u{E000}',
  '\\x', '\\u{ZZ}', '\\u{D800}', '\\u{DFFF}', '\\u{110000}', '\\u00e9', '\\u{1234567}', '\\u{}'];
const atoms = [
  () => (random(8) ? pick(['1', '12', '1_000', '2.5', '3%', '0.25%']) : pick(['1e5', '7.5e3'])),
  () => pick(['EUR', 'per', 'customer', 'month', 'e5', 'young-women', 'x_1']),
  () => `"${pick(['', 'a', 'two words', '18-30', 'cr\rhere'])}${random(4) ? '' : pick(escapes)}${pick(['', 'b'])}"`,
];
const blank = () => (random(12) ? pick([' ', '\t ']) : '');

fs.mkdirSync(folder, { recursive: true });
for (let n = 0; n < count; n += 1) {
  const statements = [];
  for (let s = 0; s < 3; s += 1) {
    let statement = `${pick(['size', 'need', 'note', 'age', 'churn'])} `;
    const atomCount = 1 + random(3);
    for (let a = 0; a < atomCount; a += 1) statement += (a ? blank() : '') + pick(atoms)();
    statements.push(statement);
  }
  const title = random(8) ? '"Generated"' : `"G ${pick(escapes)}"`;
  const label = random(8) ? pick([' "A"', '']) : pick(['"A"', ' "A"b']);
  const text = `canvas ${title} { currency EUR }\nsegment a${label} {\n  ${statements.join('\n  ')}\n}\n`;
  fs.writeFileSync(path.join(folder, `generated-${String(n).padStart(3, '0')}.canvas`), text);
}
