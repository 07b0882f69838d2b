// Unicode NFC in the package: the core asks the JavaScript engine
// (`String.prototype.normalize("NFC")`, registered when the module starts; the core's feature
// `host-nfc`) instead of linking normalization tables. The results are the native ones: a name
// typed decomposed is stored composed, an id that is not NFC is refused
// (core/tests/hostile_text.rs, core/tests/bad_inputs.rs `011-id-not-nfc`).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { loadPkg } from './load-pkg.mjs';

const pkg = await loadPkg();

/** One branch, one member `id` named `name`. */
function dataset(id, name) {
  return {
    format: 'dangjian-dataset',
    version: 1,
    community: { name: '测试社区' },
    orgs: [{ id: 'B1', name: '第一党支部', kind: 'branch', founded: '2020-01-01' }],
    members: [{ id, name, gender: 'male', birth_date: '1960-01-01' }],
    events: [{ member: id, date: '2020-01-01', type: 'transferred_in', branch: 'B1', status: 'full' }],
    activities: [],
  };
}

const storedName = (ds) => JSON.parse(pkg.Community.fromJson(ds).toJson()).members[0].name;

test('a name typed decomposed is stored composed', () => {
  // e + U+0301 COMBINING ACUTE ACCENT -> U+00E9
  assert.equal(storedName(dataset('M1', 'Jose\u0301')), 'Jos\u00e9');
  // Hangul typed as jamo (U+1112 U+1161 U+11AB) -> the syllable U+D55C
  assert.equal(storedName(dataset('M1', '\u1112\u1161\u11ab\uad6d')), '\ud55c\uad6d');
  // Already NFC: unchanged (ASCII, CJK, Latin-1, Hangul, a character outside the fast ranges)
  for (const name of ['Li Wei', '李秀英', 'Jos\u00e9', '한국', 'Ἀθηνᾶ', '阿依古丽·买买提']) {
    assert.equal(storedName(dataset('M1', name)), name);
  }
});

test('an id that is not NFC is refused, as natively', () => {
  for (const id of ['Ne\u0301', '\u1112\u1161\u11ab']) {
    let err;
    try {
      pkg.Community.fromJson(dataset(id, '张三'));
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof pkg.DangjianError, String(err));
    assert.equal(err.code, 'bad_member', err.message);
    assert.ok(err.message.includes('NFC'), err.message);
  }
  // NFC ids outside the fast ranges are accepted.
  for (const id of ['N\u00e9', '\ud55c1', 'Ἀ1']) {
    assert.equal(JSON.parse(pkg.Community.fromJson(dataset(id, '张三')).toJson()).members[0].id, id);
  }
});
