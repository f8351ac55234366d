// Generates countries.json (ISO 3166-1: 249 countries, names in fr / ar / en)
// from the npm package i18n-iso-countries@7.14.0.
//
// How to run (from a folder where the package is installed):
//   npm init -y && npm install i18n-iso-countries@7.14.0
//   node /path/to/generate-countries.mjs /path/to/src/MigrantAid.Web/Data/Seed/countries.json
//
// Names: the official (first) name of each locale, i.e. getName(code, lang, { select: 'official' }).
// "XK" (Kosovo) is shipped by the package but is a user-assigned code, not an ISO 3166-1
// assignment, so it is excluded (249 entries remain).
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const require = createRequire(resolve(process.cwd(), 'package.json'));
const countries = require('i18n-iso-countries');
for (const lang of ['fr', 'ar', 'en']) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));

const out = process.argv[2];
if (!out) {
  console.error('usage: node generate-countries.mjs <output.json>');
  process.exit(2);
}

const NOT_ISO = new Set(['XK']);
const name = (code, lang) => countries.getName(code, lang, { select: 'official' });

const rows = Object.keys(countries.getAlpha2Codes())
  .filter((code) => !NOT_ISO.has(code))
  .sort()
  .map((code) => ({
    code,
    alpha3: countries.alpha2ToAlpha3(code),
    nameFr: name(code, 'fr'),
    nameAr: name(code, 'ar'),
    nameEn: name(code, 'en'),
  }));

const incomplete = rows.filter((r) => !r.alpha3 || !r.nameFr || !r.nameAr || !r.nameEn);
if (rows.length !== 249 || incomplete.length) {
  console.error(`expected 249 complete entries, got ${rows.length}; incomplete: ${incomplete.map((r) => r.code).join(', ')}`);
  process.exit(1);
}

writeFileSync(out, JSON.stringify(rows, null, 2) + '\n', 'utf8');
console.log(`wrote ${rows.length} countries to ${out}`);
